import { describe, expect, it } from 'vitest';
import type { QuestionEvent } from '../../src/domain/question-event.js';
import { createQuestionLogCore } from '../../src/store/question-log-core.js';

// An event whose time counts how often it is read: recording must not read the events already held.
function watched(at: string, user: string, reads: { count: number }): QuestionEvent {
  const event = { type: 'asked', user, invoice: 'D26112000000000100008', cause: 'sync_window' } as QuestionEvent;
  Object.defineProperty(event, 'at', {
    enumerable: true,
    get: () => {
      reads.count += 1;
      return at;
    },
  });
  return event;
}

describe('the question log core', () => {
  it('records an event without visiting the events it already holds, even one earlier than all of them', async () => {
    const reads = { count: 0 };
    const held = Array.from({ length: 1_000 }, (_, i) =>
      watched(new Date(Date.parse('2026-11-27T01:00:00Z') + i * 1_000).toISOString(), `U${i}`, reads),
    );
    const log = createQuestionLogCore(held);
    reads.count = 0;
    // Earlier than every event held: a clock set back, or a bench that restarts its clock on the same data.
    await log.record({
      type: 'asked',
      at: '2026-11-27T00:30:00.000Z',
      user: 'UNEW',
      invoice: 'D26112000000000100008',
      cause: 'visible',
    });
    expect(reads.count).toBe(0);
    const hour = await log.between(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-27T01:00:02Z'));
    expect(hour.map((e) => (e.type === 'asked' ? e.user : ''))).toEqual(['UNEW', 'U0', 'U1']);
  });

  it('returns events with the same time in the order they were recorded', async () => {
    const at = '2026-11-27T00:30:00.000Z';
    const ask = (user: string): QuestionEvent => ({ type: 'asked', at, user, invoice: 'D1', cause: 'visible' });
    const log = createQuestionLogCore([ask('A'), ask('B')]);
    await log.record(ask('C'));
    await log.record({ ...ask('Z'), at: '2026-11-27T00:29:00.000Z' });
    const all = await log.between(new Date(0), new Date('2027-01-01T00:00:00Z'));
    expect(all.map((e) => (e.type === 'asked' ? e.user : ''))).toEqual(['Z', 'A', 'B', 'C']);
  });
});
