import { describe, expect, it } from 'vitest';
import { formatPagingProgress } from '../src/paging-progress';
import { createProgressLine, type ProgressStream } from '../src/progress-line';

function stream(isTTY: boolean, columns?: number): ProgressStream & { written: string } {
  const fake = {
    isTTY,
    columns,
    written: '',
    write(text: string) {
      fake.written += text;
      return true;
    },
  };
  return fake;
}

describe('formatPagingProgress', () => {
  it('says pages, devices so far and the rate', () => {
    expect(formatPagingProgress({ pages: 12, devices: 1200, elapsedMs: 1500 })).toBe(
      'Listing devices: 12 pages, 1,200 devices, 800 devices/s, 1.5 s',
    );
    expect(formatPagingProgress({ pages: 1, devices: 1, elapsedMs: 0 })).toBe(
      'Listing devices: 1 page, 1 device, 0 devices/s, 0.0 s',
    );
  });
});

describe('createProgressLine', () => {
  it('writes nothing at all when the stream is not a terminal', () => {
    const target = stream(false);
    const line = createProgressLine(target);
    line.show('Listing devices');
    line.interrupt(() => {});
    line.clear();
    expect(target.written).toBe('');
  });

  it('rewrites one line with \\r, blanking what a longer text left, and clears it', () => {
    const target = stream(true, 80);
    const line = createProgressLine(target);
    line.show('abcdef');
    line.show('xyz');
    line.clear();
    expect(target.written).toBe('\rabcdef\rxyz   \r   \r');
  });

  it('cuts the text to the terminal width so the line never wraps', () => {
    const target = stream(true, 6);
    const line = createProgressLine(target);
    line.show('abcdefghij');
    expect(target.written).toBe('\rabcd…');
  });

  it('clears the line for a log line and shows it again after', () => {
    const target = stream(true, 80);
    const line = createProgressLine(target);
    line.show('abc');
    line.interrupt(() => target.write('log\n'));
    expect(target.written).toBe('\rabc\r   \rlog\n\rabc');
  });

  it('clears nothing when nothing was shown', () => {
    const target = stream(true, 80);
    createProgressLine(target).clear();
    expect(target.written).toBe('');
  });
});
