/**
 * The loopback servers of one worker slot: an authority (token endpoint), an API server and a
 * thief, each a node:http server on 127.0.0.1. A slot serves one case at a time; every request is
 * recorded in that case's session and answered as the case's plan says. Requests that belong to
 * another case (its tenant in the path, or a bearer token this case never issued) or that arrive
 * between cases are not served: unless their client has given up on them (see `judgeLate`), they
 * are reported to the observer and their connection is reset.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CasePlan } from './case-plan';
import { CaseSession, type CaseUrls, type SeenRequest, type ServerName } from './case-session';
import { behaviourAt } from './catalogue';
import { respond } from './responder';

/** Requests one case may make, all servers together; past it every request is reset (ends endless loops). */
export const REQUEST_LIMIT = 50;
const MAX_RECORDED_BODY = 256 * 1024;
/** How long a late request's connection may stay open before the request counts as sent late. */
const LATE_GRACE_MS = 3_000;

export interface SlotObserver {
  /** A request that is not the running case's: `caseNumber` is its owner when the request shows it. */
  foreign(caseNumber: number | undefined, description: string): void;
  /** A late request whose client had already given up on it (its connection closed). */
  abandoned(): void;
}

const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const TENANT_IN_PATH = /\/tenants\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12}))(?:\/|$)/i;
const CASE_IN_TENANT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})$/i;

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function headerText(request: IncomingMessage): string {
  const lines: string[] = [];
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
  }
  return lines.join('\n');
}

export class HostileSlot {
  private current: CaseSession | undefined;
  private previousCase: number | undefined;
  private readonly judging = new Set<NodeJS.Timeout>();
  private readonly ports = { authority: 0, api: 0, thief: 0 };
  private readonly servers: Record<ServerName, Server>;

  private constructor(
    readonly id: number,
    private readonly observer: SlotObserver,
  ) {
    const make = (name: ServerName) => {
      // Large header limit: a client that sends a 20 KB token must be seen doing it, not answered 431.
      const server = createServer(
        { maxHeaderSize: 256 * 1024, keepAliveTimeout: 2_000 },
        (request, response) => this.receive(name, request, response),
      );
      server.on('clientError', (_error, socket) => socket.destroy());
      return server;
    };
    this.servers = { authority: make('authority'), api: make('api'), thief: make('thief') };
  }

  static async open(id: number, observer: SlotObserver): Promise<HostileSlot> {
    const slot = new HostileSlot(id, observer);
    for (const name of ['authority', 'api', 'thief'] as const) {
      slot.ports[name] = await listen(slot.servers[name]);
    }
    return slot;
  }

  /** Starts serving `plan`; the slot must be idle. */
  begin(plan: CasePlan): CaseSession {
    if (this.current)
      throw new Error(`slot ${this.id} is still serving case ${this.current.plan.caseNumber}`);
    const apiOrigin = `http://127.0.0.1:${this.ports.api}`;
    const basePath = plan.baseVariant === 'root' ? '' : '/api/v1';
    const urls: CaseUrls = {
      authorityHost: `http://127.0.0.1:${this.ports.authority}`,
      apiOrigin,
      baseUrl: `${apiOrigin}${basePath}`,
      basePath,
      thiefOrigin: `http://127.0.0.1:${this.ports.thief}`,
      thiefAltOrigin: `http://localhost:${this.ports.thief}`,
      externalOrigin: `https://${plan.marker}.invalid`,
    };
    this.current = new CaseSession(plan, urls);
    return this.current;
  }

  /** Stops serving the case: open responses are destroyed, later requests are foreign. */
  end(session: CaseSession): void {
    session.close();
    if (this.current === session) {
      this.current = undefined;
      this.previousCase = session.plan.caseNumber;
    }
  }

  async close(): Promise<void> {
    this.current?.close();
    for (const timer of this.judging) clearTimeout(timer);
    this.judging.clear();
    await Promise.all(
      Object.values(this.servers).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  /**
   * A request of a case that has ended. On a busy event loop the servers may read a request after
   * its client gave up on it (timed out and closed the connection) and the case settled: harmless,
   * and the connection closes within moments. One whose client still waits after the grace period
   * was sent after its case settled: that is reported.
   */
  private judgeLate(request: IncomingMessage, owner: number | undefined, description: string): void {
    const socket = request.socket;
    if (socket.destroyed) {
      this.observer.abandoned();
      return;
    }
    const onClose = () => {
      clearTimeout(timer);
      this.judging.delete(timer);
      this.observer.abandoned();
    };
    const timer = setTimeout(() => {
      this.judging.delete(timer);
      socket.off('close', onClose);
      this.observer.foreign(owner, description);
      socket.destroy();
    }, LATE_GRACE_MS);
    this.judging.add(timer);
    socket.once('close', onClose);
  }

  private receive(server: ServerName, request: IncomingMessage, response: ServerResponse): void {
    // The case is the one running when the request's headers arrived, not when its body ended.
    const session = this.current;
    request.on('error', () => {});
    response.on('error', () => {});
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size < MAX_RECORDED_BODY) chunks.push(chunk);
      size += chunk.length;
    });
    request.on('end', () =>
      this.dispatch(session, server, request, response, Buffer.concat(chunks).toString('utf8')),
    );
  }

  /** The case a request shows it belongs to: the tenant in its path (which encodes the case number). */
  private ownerOf(server: ServerName, request: IncomingMessage): number | undefined {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const tenant = server === 'authority' ? TOKEN_PATH.exec(path)?.[1] : TENANT_IN_PATH.exec(path)?.[1];
    const caseHex = tenant ? CASE_IN_TENANT.exec(tenant)?.[1] : undefined;
    return caseHex === undefined ? undefined : Number.parseInt(caseHex, 16);
  }

  private dispatch(
    session: CaseSession | undefined,
    server: ServerName,
    request: IncomingMessage,
    response: ServerResponse,
    body: string,
  ): void {
    const target = request.url ?? '/';
    const what = `${server} ${request.method} ${target.split('?')[0]}`;
    const owner = this.ownerOf(server, request);
    const authorization = request.headers.authorization;
    const bearer = authorization?.replace(/^Bearer\s+/i, '');
    if (!session) {
      this.judgeLate(
        request,
        owner ?? this.previousCase,
        `${what} arrived on slot ${this.id} after its case ended`,
      );
      return;
    }
    const foreignToken =
      bearer?.startsWith('eyJ') === true && !session.minted.some((token) => bearer.includes(token.core));
    if ((owner !== undefined && owner !== session.plan.caseNumber) || foreignToken) {
      this.judgeLate(
        request,
        owner,
        `${what} arrived during case ${session.plan.caseNumber}${foreignToken ? ' with a bearer token that case never issued' : ''}`,
      );
      return;
    }
    const seen: SeenRequest = {
      server,
      method: request.method ?? '',
      target,
      host: request.headers.host,
      authorization,
      headerText: headerText(request),
      body,
    };
    session.seen.push(seen);
    session.track(response);
    if (session.closed || session.seen.length >= REQUEST_LIMIT) {
      request.socket.destroy();
      return;
    }
    try {
      if (server === 'thief') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"value":[]}');
      } else if (server === 'authority') {
        if (!TOKEN_PATH.test(target.split('?')[0] ?? '')) {
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end('{"error":"not_found"}');
          return;
        }
        const behaviour = behaviourAt(session.plan.token, session.tokenRequests++);
        respond(behaviour, { role: 'token', request, response, requestBody: body, session });
      } else {
        const behaviour = behaviourAt(session.plan.api, session.apiRequests++);
        respond(behaviour, { role: 'api', request, response, requestBody: body, session });
      }
    } catch (error) {
      session.harnessErrors.push(`${what}: ${(error as Error).stack ?? String(error)}`);
      request.socket.destroy();
    }
  }
}
