import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/audit.js';
import { createJsonlAuditLog } from '../../src/store/jsonl-audit-log.js';
import { useTempDirs } from '../helpers/temp-dir.js';

async function run(argv: string[], dataDir: string) {
  const lines: string[] = [];
  const code = await runAudit(argv, { DATA_DIR: dataDir }, (l) => lines.push(l));
  return { code, lines };
}

describe('npm run audit', () => {
  const tempDir = useTempDirs();

  it('exports the trail as CSV, filtered by time, user and invoice', async () => {
    const dir = await tempDir();
    const log = await createJsonlAuditLog(dir);
    await log.record({ at: '2026-10-31T15:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' });
    await log.record({ at: '2026-11-02T01:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' });
    await log.record({ at: '2026-11-03T01:00:00.000Z', user: 'U2', action: 'refused', detail: 'notice, "schedule"' });
    await log.record({ at: '2026-12-01T01:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100009' });
    await log.close();
    const all = await run(['--since', '2026-11-01'], dir);
    expect(all.code).toBe(0);
    expect(all.lines).toEqual([
      'at,user,action,invoice,notice,detail',
      '2026-11-02T01:00:00.000Z,U1,lookup,26112000000000100001,,',
      '2026-11-03T01:00:00.000Z,U2,refused,,,"notice, ""schedule"""',
      '2026-12-01T01:00:00.000Z,U1,lookup,26112000000000100009,,',
    ]);
    expect((await run(['--since', '2026-11-01', '--until', '2026-11-30', '--user', 'U1'], dir)).lines).toHaveLength(2);
    expect((await run(['--since', '2026-11-01', '--invoice', '26112000000000100009'], dir)).lines).toHaveLength(2);
  });

  it('explains its usage', async () => {
    const r = await run([], await tempDir());
    expect(r.code).toBe(2);
    expect(r.lines[0]).toContain('npm run audit -- --since');
  });
});
