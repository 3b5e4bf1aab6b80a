import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/lib/clocks.js';
import { alice, demoCore, demoPorts } from '../helpers/demo-conversation.js';

// What the bot tells an admin alone — the daily backup failed, holiday data or the official filing deadlines are
// missing, an SLA breached — is in that admin's language (`/invoice lang`), else BOT_LANGUAGE, as every other DM.
describe('alerts to admins', () => {
  async function setup() {
    // Tuesday 2026-12-01 10:00: a working day in December, so 2027's holiday data and filing table are missing too.
    const clock = createManualClock(new Date('2026-12-01T10:00:00+08:00'));
    const ports = await demoPorts({
      clock,
      backup: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await ports.schedule.markRun('weekly-check', '2026-11-30');
    await ports.prefs.setLanguage('UADMZH', 'zh');
    const core = await demoCore(ports, { admins: ['UADM', 'UADMZH'], channel: 'C0ESC' });
    const dms = (to: string) =>
      ports.notifier.sent.filter((m) => m.kind === 'direct' && m.to === to).map((m) => m.text);
    return { clock, ports, core, dms };
  }

  it('sends each admin the backup failure and the missing-data warnings in their own language, once a day', async () => {
    const { core, dms } = await setup();
    await core.tick();
    await core.tick();
    expect(dms('UADM')).toEqual([
      expect.stringContaining("Today's backup of DATA_DIR failed (ENOSPC: no space left on device)"),
      expect.stringContaining('holiday data for 2027 is missing'),
      expect.stringContaining('official VAT filing deadlines for 2027 are not in the bot yet'),
    ]);
    expect(dms('UADMZH')).toEqual([
      '⚠️ 今天的 DATA_DIR 备份失败（ENOSPC: no space left on device）。我会每分钟重试；如果磁盘已满，请释放空间。',
      expect.stringContaining('缺少 2027 年的节假日数据'),
      expect.stringContaining('机器人中还没有 2027 年官方的增值税申报期'),
    ]);
  });

  it('sends each admin an SLA breach in their own language; the thread keeps the bot’s', async () => {
    const { clock, ports, core, dms } = await setup();
    await core.escalations.file(alice, 'D26112000000000100010', 'normal', '', [], 'en');
    await core.tick();
    ports.notifier.sent.length = 0;
    // Two working days later both targets have passed unanswered.
    clock.set(new Date('2026-12-03T17:00:00+08:00'));
    await core.tick();
    const en = dms('UADM').filter((t) => t.startsWith('🚨'));
    const zh = dms('UADMZH').filter((t) => t.startsWith('🚨'));
    expect(en).toEqual([
      expect.stringContaining('the first response target'),
      expect.stringContaining('the resolution target'),
    ]);
    expect(zh).toEqual([expect.stringContaining('首次响应时限（'), expect.stringContaining('解决时限（')]);
    const thread = ports.notifier.sent.filter((m) => m.kind === 'post' && m.threadTs && m.text.startsWith('🚨'));
    expect(thread.length).toBeGreaterThan(0);
    for (const m of thread) expect(m.text).not.toMatch(/时限/);
  });
});
