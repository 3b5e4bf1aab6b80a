import { describe, expect, it } from 'vitest';
import type { NoticeDraft } from '../../src/domain/notice.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { createNoticeDrafts } from '../../src/slack/notice-drafts.js';
import { createMemoryConversationMemory } from '../../src/store/memory-conversation-memory.js';

const draft: NoticeDraft = {
  system: 'einvoice',
  functions: ['issuing'],
  startsAt: '2026-11-28T14:00:00Z',
  endsAt: '2026-11-28T22:00:00Z',
  message: { en: 'x'.repeat(1000), zh: '升'.repeat(1000) },
  channels: ['C0A', 'C0B'],
  reminders: [60],
  alreadyStarted: false,
};

describe('createNoticeDrafts', () => {
  it('gives the draft back once, only to the admin who made it, and only within the hour', async () => {
    const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
    const drafts = createNoticeDrafts(createMemoryConversationMemory(clock));
    const id = await drafts.put('UADM', draft);
    expect(id.length).toBeLessThan(3000);
    expect(await drafts.take('UOTHER', id)).toBeUndefined();
    expect(await drafts.take('UADM', id)).toEqual(draft);
    expect(await drafts.take('UADM', id)).toBeUndefined();
    const later = await drafts.put('UADM', draft);
    clock.advance(61 * 60_000);
    expect(await drafts.take('UADM', later)).toBeUndefined();
  });

  it('gives a draft to one of two Send clicks at once, on a form kept by another replica', async () => {
    const memory = createMemoryConversationMemory(createManualClock(new Date('2026-11-27T07:00:00Z')));
    const id = await createNoticeDrafts(memory).put('UADM', draft);
    const [a, b] = [createNoticeDrafts(memory), createNoticeDrafts(memory)];
    const taken = await Promise.all([a.take('UADM', id), b.take('UADM', id)]);
    expect(taken.filter(Boolean)).toEqual([draft]);
  });
});
