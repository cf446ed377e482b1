import { setFlagsFromString } from 'node:v8';

/**
 * Keeps the heap of a long `--all` listing near what it holds, so that memory stays flat however many
 * pages go by. Each page is garbage once written, but V8 lets the heap grow several times over what
 * is alive before it collects (measured: 100,000 devices peaked 45% above 10,000 with the same live
 * heap); optimizing for size makes it collect sooner, for about the same time. Safe to set at run
 * time: V8 reads it at each collection, and `mmd` runs one command per process.
 */
export function keepMemorySteady(): void {
  setFlagsFromString('--optimize-for-size');
}
