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
});
