import { setImmediate as yieldToLoop } from 'node:timers/promises';

// Long work gives the event loop back whenever it has run this long, so a running bot never stalls for long. A time
// rather than a row count: on a loaded machine a fixed 5,000 rows took 200-400 ms.
const SLICE_MS = 8;

/**
 * A check for long loops over rows: called with the row number, it answers a promise to await (a yield to the event
 * loop) once the current slice of work has run {@link SLICE_MS}, and undefined otherwise. The clock is read every 64
 * rows only.
 * @example const pause = createSlicer(); for (const [i, row] of rows.entries()) { await pause(i); work(row); }
 */
export function createSlicer(): (row: number) => Promise<void> | undefined {
  let sliceStart = performance.now();
  return (row) => {
    if ((row & 63) !== 0 || performance.now() - sliceStart < SLICE_MS) return undefined;
    return yieldToLoop().then(() => {
      sliceStart = performance.now();
    });
  };
}
