import { describe, expect, it } from 'vitest';
import type { NoticeDraft } from '../../src/domain/notice.js';
import { createNoticeDrafts } from '../../src/slack/notice-drafts.js';

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
  it('gives the draft back once, only to the admin who made it, and only within the hour', () => {
    let now = 0;
    const drafts = createNoticeDrafts(() => now);
    const id = drafts.put('UADM', draft);
    expect(id.length).toBeLessThan(3000);
    expect(drafts.take('UOTHER', id)).toBeUndefined();
    expect(drafts.take('UADM', id)).toEqual(draft);
    expect(drafts.take('UADM', id)).toBeUndefined();
    const later = drafts.put('UADM', draft);
    now += 61 * 60_000;
    expect(drafts.take('UADM', later)).toBeUndefined();
  });
});
