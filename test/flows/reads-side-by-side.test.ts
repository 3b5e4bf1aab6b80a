import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CorePorts } from '../../src/ports.js';
import { demoConversation, demoPorts } from '../helpers/demo-conversation.js';

// A lookup starts its independent reads together and awaits them in turn (`started`, src/lib/started.ts). A read that
// fails while an earlier one is still awaited must surface where it is awaited, never as an unhandled rejection,
// which would end the bot's process. Each case below makes the read awaited first slow and a later one fail at once.

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };
const DIGITAL = '26112000000000100008';

/** Resolves after a macrotask: long after a rejection started beside it has been checked for a handler. */
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 20));
const down = (what: string) => Promise.reject(new Error(`${what} down`));

/** The same object with every method answering later (a store over a slow network). */
function slow<T extends object>(target: T): T {
  return new Proxy(target, {
    get(object, name, receiver) {
      const value = Reflect.get(object, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => Promise.resolve(value.apply(object, args)).then(later);
    },
  });
}

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

type Broken = (ports: CorePorts) => Partial<CorePorts>;

const cases: Array<[string, Broken, string]> = [
  [
    'the remembered language, read beside the preference',
    (p) => ({
      prefs: slow(p.prefs),
      memory: { ...p.memory, get: (key) => (key.startsWith('lang:') ? down('memory') : p.memory.get(key)) },
    }),
    'memory down',
  ],
  [
    'the notices (maintenance windows and policy changes), read beside the invoice',
    (p) => ({ store: slow(p.store), notices: { ...p.notices, all: () => down('notices') } }),
    'notices down',
  ],
  [
    'the deduction selection, read beside the invoice',
    (p) => ({ store: slow(p.store), deductions: { ...p.deductions, get: () => down('deductions') } }),
    'deductions down',
  ],
  [
    'the last deduction import, read beside the selection',
    (p) => ({ deductions: { ...slow(p.deductions), lastImport: () => down('deductions') } }),
    'deductions down',
  ],
  [
    'the last lookup remembered while the invoice is read',
    (p) => ({
      store: slow(p.store),
      memory: {
        ...p.memory,
        set: (key, value, ttl) => (key.startsWith('lookup:') ? down('memory') : p.memory.set(key, value, ttl)),
      },
    }),
    'memory down',
  ],
  [
    'the "asked" event, recorded beside the feedback prompt',
    (p) => ({ questions: { ...slow(p.questions), record: () => down('question log') } }),
    'question log down',
  ],
];

describe('reads started side by side in a lookup', () => {
  it.each(cases)('a failure of %s is thrown where it is awaited, never left unhandled', async (_, broken, error) => {
    const base = await demoPorts();
    const conversation = await demoConversation({ ...base, ...broken(base) });
    const outcome = await conversation.receive(employee, { kind: 'text', text: DIGITAL }, 'dm').then(
      (replies) => ({ replies }),
      (failure: unknown) => ({ failure }),
    );
    // Give a rejection nobody handled the turns Node needs to report it.
    await later(undefined);
    expect(unhandled).toEqual([]);
    expect(outcome).toEqual({ failure: new Error(error) });
  });
});
