import { describe, expect, it } from 'vitest';
import { started } from '../../src/lib/started.js';

describe('started', () => {
  it('leaves no unhandled rejection while another promise is awaited first, and rethrows where it is awaited', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const failing = started(Promise.reject(new Error('store down')));
      // The other read takes a macrotask: the rejection above has long been checked for a handler by then.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(failing).rejects.toThrow('store down');
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('gives the value it settles with', async () => {
    const p = Promise.resolve(42);
    expect(started(p)).toBe(p);
    expect(await started(p)).toBe(42);
  });
});
