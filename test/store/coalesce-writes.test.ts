import { describe, expect, it } from 'vitest';
import { coalesceWrites } from '../../src/store/coalesce-writes.js';

/** A write whose end the test decides, recording the state it read when it started. */
function gatedWrites(state: { value: number }) {
  const started: number[] = [];
  const gates: Array<{ open: () => void; fail: (e: Error) => void }> = [];
  const write = () => {
    started.push(state.value);
    return new Promise<void>((resolve, reject) => gates.push({ open: resolve, fail: reject }));
  };
  return { write, started, gates };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('coalesceWrites', () => {
  it('gives the calls made while a write runs one shared next write, which starts with every change made by then', async () => {
    const state = { value: 0 };
    const { write, started, gates } = gatedWrites(state);
    const save = coalesceWrites(write);
    const settled: string[] = [];
    state.value = 1;
    const first = save().then(() => settled.push('first'));
    await tick();
    for (let i = 2; i <= 50; i++) {
      state.value = i;
      void save().then(() => settled.push(`call ${i}`));
    }
    await tick();
    expect(started).toEqual([1]);
    gates[0]?.open();
    await first;
    await tick();
    // The 49 later calls share one write, which read the newest state; none of them is settled before it ends.
    expect(started).toEqual([1, 50]);
    expect(settled).toEqual(['first']);
    gates[1]?.open();
    await tick();
    expect(settled).toHaveLength(50);
    expect(started).toHaveLength(2);
  });

  it('shares one write among changes made in one synchronous run', async () => {
    const state = { value: 0 };
    const { write, started, gates } = gatedWrites(state);
    const save = coalesceWrites(write);
    const all = Promise.all(
      [1, 2, 3].map((v) => {
        state.value = v;
        return save();
      }),
    );
    await tick();
    gates[0]?.open();
    await all;
    expect(started).toEqual([3]);
  });

  it('rejects every call that shared a failed write with its error, and starts afresh on the next call', async () => {
    const state = { value: 0 };
    const { write, started, gates } = gatedWrites(state);
    const save = coalesceWrites(write);
    const first = save();
    await tick();
    const shared = [save(), save(), save()].map((p) =>
      p.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    gates[0]?.open();
    await first;
    await tick();
    gates[1]?.fail(new Error('ENOSPC: no space left on device'));
    expect(await Promise.all(shared)).toEqual(Array(3).fill('ENOSPC: no space left on device'));
    const after = save();
    await tick();
    gates[2]?.open();
    await expect(after).resolves.toBeUndefined();
    expect(started).toHaveLength(3);
  });

  it('with settlePerTurn, hands a finished write to the calls that shared it a few per turn, in call order', async () => {
    const state = { value: 0 };
    const { write, gates } = gatedWrites(state);
    const save = coalesceWrites(write, { settlePerTurn: 2 });
    const settled: number[] = [];
    for (let i = 1; i <= 5; i++) void save().then(() => settled.push(i));
    await tick();
    gates[0]?.open();
    // The write's end settles the first two in its own turn, then two more in each turn after it.
    await tick();
    expect(settled).toEqual([1, 2]);
    await tick();
    expect(settled).toEqual([1, 2, 3, 4]);
    await tick();
    expect(settled).toEqual([1, 2, 3, 4, 5]);
  });

  it('with settlePerTurn, rejects the calls that shared a failed write the same way, and leaves nothing unhandled', async () => {
    const state = { value: 0 };
    const { write, gates } = gatedWrites(state);
    const save = coalesceWrites(write, { settlePerTurn: 1 });
    const outcomes = Array.from({ length: 3 }, () =>
      save().then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    await tick();
    gates[0]?.fail(new Error('EIO: i/o error'));
    expect(await Promise.all(outcomes)).toEqual(Array(3).fill('EIO: i/o error'));
    const after = save();
    await tick();
    gates[1]?.open();
    await expect(after).resolves.toBeUndefined();
  });
});
