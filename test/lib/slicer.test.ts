import { describe, expect, it } from 'vitest';
import { createSlicer } from '../../src/lib/slicer.js';

// A row of work that takes about `ms` of the event loop.
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe('createSlicer', () => {
  it('lets other callbacks run in the middle of a long loop, not only after it', async () => {
    const pause = createSlicer();
    let ranAtRow: number | undefined;
    let row = 0;
    setImmediate(() => {
      ranAtRow = row;
    });
    for (row = 0; row < 256; row++) {
      await pause(row);
      busy(0.5);
    }
    expect(ranAtRow).toBeDefined();
    expect(ranAtRow).toBeLessThan(256);
  });

  it('looks at the clock only every 64 rows', () => {
    const pause = createSlicer();
    busy(10);
    expect([1, 2, 63, 65].map((row) => pause(row))).toEqual([undefined, undefined, undefined, undefined]);
    expect(pause(64)).toBeInstanceOf(Promise);
  });
});
