/**
 * What the hostile servers know and record about the case they are serving: its plan and URLs,
 * every request they saw, every token they handed out, and the responses and timers still open
 * (closed when the case ends, so a stalled answer never outlives its case).
 */
import type { ServerResponse } from 'node:http';
import { type CasePlan, type MintedToken, mintToken } from './case-plan';

export type ServerName = 'authority' | 'api' | 'thief';

export interface CaseUrls {
  /** `authorityHost` of the credential: `http://127.0.0.1:<port>`. */
  readonly authorityHost: string;
  readonly apiOrigin: string;
  /** `baseUrl` of the client: `<apiOrigin>/api/v1`, or `<apiOrigin>` for a root base URL. */
  readonly baseUrl: string;
  /** The base URL's path without a trailing slash (`''` at the root). */
  readonly basePath: string;
  /** The thief: another loopback port, which must never see a bearer token or the client secret. */
  readonly thiefOrigin: string;
  /** The thief's port under another host name (`localhost`): another origin again. */
  readonly thiefAltOrigin: string;
  /** A `.invalid` host named after the case; the loopback-only guard refuses any connection to it. */
  readonly externalOrigin: string;
}

export interface SeenRequest {
  readonly server: ServerName;
  readonly method: string;
  /** The request target as sent (`/api/v1/tenants/…?$top=100`). */
  readonly target: string;
  readonly host: string | undefined;
  readonly authorization: string | undefined;
  /** Every header, one `name: value` per line, as received. */
  readonly headerText: string;
  readonly body: string;
}

export class CaseSession {
  readonly seen: SeenRequest[] = [];
  /** Every token handed out, valid or garbage, in order. */
  readonly minted: MintedToken[] = [];
  /** Problems of the harness itself (a responder that threw), reported apart from the invariants. */
  readonly harnessErrors: string[] = [];
  tokenRequests = 0;
  apiRequests = 0;
  normalPagesServed = 0;
  endlessLinks = 0;
  closed = false;
  private readonly open = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly plan: CasePlan,
    readonly urls: CaseUrls,
  ) {}

  /** Hands out the case's next token. */
  mint(): MintedToken {
    const token = mintToken(this.plan, this.minted.length);
    this.minted.push(token);
    return token;
  }

  /** Keeps `response` so that `close` can end it, however it was left. */
  track(response: ServerResponse): void {
    this.open.add(response);
    response.once('close', () => this.open.delete(response));
  }

  /** Runs `action` after `ms` unless the case has ended. */
  later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) action();
    }, ms);
    this.timers.add(timer);
  }

  /** Ends the case on the server side: stops timers and destroys every open response. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const response of this.open) response.destroy();
    this.open.clear();
  }
}
