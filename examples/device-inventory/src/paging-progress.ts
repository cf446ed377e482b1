import { formatCount, formatSeconds } from './format';
import type { ProgressLine } from './progress-line';

/** Where a listing stands. */
export interface PagingState {
  readonly pages: number;
  readonly devices: number;
  readonly elapsedMs: number;
}

/** `Listing devices: 12 pages, 1,200 devices, 800 devices/s, 1.5 s` */
export function formatPagingProgress({ pages, devices, elapsedMs }: PagingState): string {
  const rate = elapsedMs > 0 ? Math.round((devices * 1000) / elapsedMs) : 0;
  return `Listing devices: ${formatCount(pages)} ${pages === 1 ? 'page' : 'pages'}, ${formatCount(devices)} ${devices === 1 ? 'device' : 'devices'}, ${formatCount(rate)} devices/s, ${formatSeconds(elapsedMs)}`;
}

/**
 * Keeps the progress line current while devices are listed: after every page, and every second in
 * between so a slow page (or a retry's wait) does not look like a hang.
 */
export class PagingProgress {
  readonly #line: ProgressLine;
  readonly #now: () => number;
  readonly #started: number;
  #pages = 0;
  #devices = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(line: ProgressLine, now: () => number = () => performance.now()) {
    this.#line = line;
    this.#now = now;
    this.#started = now();
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), 1000);
    this.#timer.unref();
  }

  /** Counts a page of `devices` devices. */
  addPage(devices: number): void {
    this.#pages++;
    this.#devices += devices;
    this.#draw();
  }

  /** Milliseconds since the listing started. */
  get elapsedMs(): number {
    return this.#now() - this.#started;
  }

  /** Stops the updates and blanks the line. */
  stop(): void {
    clearInterval(this.#timer);
    this.#line.clear();
  }

  #draw(): void {
    this.#line.show(
      formatPagingProgress({ pages: this.#pages, devices: this.#devices, elapsedMs: this.elapsedMs }),
    );
  }
}
