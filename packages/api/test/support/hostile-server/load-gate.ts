/**
 * Admits new cases only while the event loop has time to spare. Clients and servers share one
 * thread and the cases use 300 ms timeouts: started all at once on a busy machine, healthy answers
 * would time out and the success paths would go untested. Stalled cases cost no CPU, so many may
 * wait at once; the gate lets concurrency rise while the loop idles and fall to `floor` while it is
 * saturated (event-loop utilization, sampled every 50 ms).
 *
 * Only throughput depends on it: no verdict of the harness reads a clock except the settle bound.
 */
import { type EventLoopUtilization, performance } from 'node:perf_hooks';

const SAMPLE_MS = 50;

export class LoadGate {
  private utilization = 0;
  private previous: EventLoopUtilization = performance.eventLoopUtilization();
  /** Cases admitted since the last sample, beyond the floor: admissions are paced, not bursts. */
  private admittedThisSample = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    /** Event-loop utilization above which no case starts while `floor` or more run. */
    private readonly target = 0.9,
    private readonly floor = 8,
    private readonly perSample = 4,
  ) {
    this.timer = setInterval(() => {
      const now = performance.eventLoopUtilization();
      this.utilization = performance.eventLoopUtilization(now, this.previous).utilization;
      this.previous = now;
      this.admittedThisSample = 0;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  /** Resolves when a new case may start, given how many run now. */
  async admit(running: () => number): Promise<void> {
    for (;;) {
      if (running() < this.floor) return;
      if (this.utilization < this.target && this.admittedThisSample < this.perSample) {
        this.admittedThisSample++;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS / 2));
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
