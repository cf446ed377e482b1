import { printTable } from '@mmd-sdk/example-shared';
import type { DeviceSummary } from './device-summary';
import { byCount } from './device-summary';
import { formatCount, formatSeconds, formatShare } from './format';

/** Prints the totals, compliance, update-ring and profile summaries. */
export function printSummary(summary: DeviceSummary, elapsedMs: number): void {
  const total = summary.devices;
  const share = (count: number) => formatShare(count, total);

  console.log(
    `\n${formatCount(total)} ${total === 1 ? 'device' : 'devices'} in ${formatCount(summary.pages)} ${summary.pages === 1 ? 'page' : 'pages'}, ${formatSeconds(elapsedMs)}`,
  );

  console.log('\nTotals');
  printTable(
    ['Status', 'Devices', 'Share'],
    [
      ['Enrolled', formatCount(summary.enrolled), share(summary.enrolled)],
      ['Not enrolled', formatCount(total - summary.enrolled), share(total - summary.enrolled)],
      ['With a user', formatCount(summary.withUser), share(summary.withUser)],
      ['Without a user', formatCount(total - summary.withUser), share(total - summary.withUser)],
    ],
  );

  console.log('\nCompliance');
  printTable(
    ['State', 'Devices', 'Share'],
    byCount(summary.compliance).map(([state, count]) => [state, formatCount(count), share(count)]),
  );

  console.log('\nUpdate rings');
  printTable(
    ['Ring', 'Devices', 'Share', 'Non-compliant'],
    summary
      .rings()
      .map(([ring, count]) => [
        ring,
        formatCount(count.devices),
        share(count.devices),
        formatCount(count.nonCompliant),
      ]),
  );

  console.log('\nProfiles');
  printTable(
    ['Persona', 'Devices', 'Share'],
    byCount(summary.personas).map(([persona, count]) => [persona, formatCount(count), share(count)]),
  );
}
