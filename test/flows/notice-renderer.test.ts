import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src/domain/notice.js';
import { createNoticeRenderer } from '../../src/flows/notice-renderer.js';

const notice = (message: Notice['message']): Notice =>
  ({
    id: 'NTC-1',
    kind: 'maintenance',
    system: 'einvoice',
    functions: ['issuing'],
    startsAt: '2026-11-28T14:00:00Z',
    endsAt: '2026-11-28T22:00:00Z',
    message,
    status: 'scheduled',
  }) as Notice;

describe('createNoticeRenderer', () => {
  const render = createNoticeRenderer('en', 'Asia/Shanghai');

  it('frames a notice written in both languages in both: title, when, affects and status', () => {
    const { text } = render.announcement(notice({ en: 'Platform upgrade', zh: '平台升级' }));
    expect(text).toContain('🛠 Maintenance: e-invoice platform (电子发票服务平台) — Scheduled');
    expect(text).toContain('When: 2026-11-28 22:00 – 2026-11-29 06:00');
    expect(text).toContain('Affects: issuing (开票)');
    expect(text).toContain('🛠 系统维护：');
    expect(text).toContain('时间：2026-11-28 22:00 – 2026-11-29 06:00');
    expect(text).toContain('平台升级');
    expect(text.indexOf('平台升级')).toBeLessThan(text.indexOf('Platform upgrade'));
  });

  it('frames a notice written in one language in that language only, whatever the bot’s language', () => {
    const zh = render.announcement(notice({ zh: '平台升级' })).text;
    expect(zh).toContain('🛠 系统维护：');
    expect(zh).not.toContain('Maintenance:');
    expect(zh).toContain('平台升级');
    const en = createNoticeRenderer('zh', 'Asia/Shanghai').announcement(notice({ en: 'Platform upgrade' })).text;
    expect(en).toContain('🛠 Maintenance:');
    expect(en).not.toContain('系统维护');
    expect(en).not.toContain('时间：');
  });

  it.each([
    ['started', { kind: 'started' as const }, '维护现已开始', 'now in progress'],
    ['extended', { kind: 'extended' as const }, '已延长至 2026-11-29 06:00', 'Extended until'],
    ['ended early', { kind: 'ended_early' as const }, '已于 2026-11-29 01:00 提前结束', 'Ended early'],
    ['cancelled', { kind: 'cancelled' as const }, '本次维护已取消', 'has been cancelled'],
  ])(
    'answers in the thread of a Chinese-only notice in Chinese only, though the bot speaks English (%s)',
    (_, e, zh, en) => {
      const { text } = render.event(notice({ zh: '平台升级' }), { ...e, at: '2026-11-28T17:00:00Z' });
      expect(text).toContain(zh);
      expect(text).not.toContain(en);
    },
  );

  it('answers in the thread of an English-only notice in English only, though the bot speaks Chinese', () => {
    const zhBot = createNoticeRenderer('zh', 'Asia/Shanghai');
    const { text } = zhBot.event(notice({ en: 'Platform upgrade' }), { kind: 'completed', at: '2026-11-28T22:00:00Z' });
    expect(text).toBe('This maintenance is over. Invoices may still take a little while to appear.');
  });

  it('answers in the thread of a bilingual notice in both languages, Chinese first', () => {
    const { text } = render.event(notice({ en: 'Platform upgrade', zh: '平台升级' }), {
      kind: 'started',
      at: '2026-11-28T14:00:00Z',
    });
    expect(text).toBe(
      '维护现已开始。期间开具的发票可能会延迟显示。\nThis maintenance is now in progress. Invoices issued meanwhile may show up late.',
    );
  });

  it('says a policy change is in effect in the languages it was written in', () => {
    const policy = { ...notice({ zh: '红字确认单72小时失效' }), kind: 'policy' } as Notice;
    expect(render.event(policy, { kind: 'started', at: '2026-11-28T14:00:00Z' }).text).toBe('本项政策变动现已施行。');
  });

  it('frames an update once, in the language the admin wrote it in', () => {
    const both = notice({ en: 'Platform upgrade', zh: '平台升级' });
    const at = '2026-11-28T15:00:00Z';
    expect(render.event(both, { kind: 'updated', at, text: 'Now also red-letter' }).text).toBe(
      'Update: Now also red-letter',
    );
    expect(render.event(both, { kind: 'updated', at, text: '红字功能也暂停' }).text).toBe('更新：红字功能也暂停');
  });
});
