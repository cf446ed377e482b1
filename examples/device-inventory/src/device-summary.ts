import type { Device } from '@mmd-sdk/mmd-api';

/** The update rings, in the order devices move through them. */
export const UPDATE_RINGS: readonly string[] = ['Test', 'First', 'Fast', 'Broad'];

/** Counts of one group of devices (a ring): how many, and how many are not compliant. */
export interface RingCount {
  devices: number;
  nonCompliant: number;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** `[key, count]` pairs, most frequent first, ties by name. */
export function byCount(counts: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * What the summaries need, counted page by page so the devices themselves need not be kept.
 */
export class DeviceSummary {
  pages = 0;
  devices = 0;
  /** Devices with a name: enrolled (`name` is `""` before enrollment). */
  enrolled = 0;
  /** Devices with a primary user. */
  withUser = 0;
  readonly compliance = new Map<string, number>();
  readonly personas = new Map<string, number>();
  readonly #rings = new Map<string, RingCount>();

  addPage(page: readonly Device[]): void {
    this.pages++;
    for (const device of page) {
      this.devices++;
      if (device.name) this.enrolled++;
      if (device.userUpn) this.withUser++;
      increment(this.compliance, device.complianceState);
      increment(this.personas, device.persona);
      const ring = this.#rings.get(device.primaryUpdateRing) ?? { devices: 0, nonCompliant: 0 };
      ring.devices++;
      if (device.complianceState === 'NonCompliant') ring.nonCompliant++;
      this.#rings.set(device.primaryUpdateRing, ring);
    }
  }

  /** Every known ring in order (empty ones too), then any other ring the service reported. */
  rings(): Array<[string, RingCount]> {
    const others = [...this.#rings.keys()].filter((ring) => !UPDATE_RINGS.includes(ring)).sort();
    return [...UPDATE_RINGS, ...others].map((ring) => [
      ring,
      this.#rings.get(ring) ?? { devices: 0, nonCompliant: 0 },
    ]);
  }
}
