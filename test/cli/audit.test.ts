import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/audit.js';
import type { AuditEntry, AuditLog } from '../../src/ports.js';
import { createJsonlAuditLog } from '../../src/store/jsonl-audit-log.js';
import { createPgAuditLog } from '../../src/store/postgres/pg-audit-log.js';
import { describePostgres, postgresUrl, useMigratedSchema } from '../helpers/postgres.js';
import { useTempDirs } from '../helpers/temp-dir.js';

async function run(argv: string[], env: Record<string, string>) {
  const lines: string[] = [];
  const code = await runAudit(argv, env, (l) => lines.push(l));
  return { code, lines };
}

const ENTRIES: AuditEntry[] = [
  { at: '2026-10-31T15:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' },
  { at: '2026-11-02T01:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' },
  { at: '2026-11-03T01:00:00.000Z', user: 'U2', action: 'refused', detail: 'notice, "schedule"' },
  { at: '2026-12-01T01:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100009' },
];

async function fill(log: AuditLog): Promise<void> {
  for (const entry of ENTRIES) await log.record(entry);
  await log.close();
}

/** The same export, whichever store holds the trail. */
async function expectTheExport(env: Record<string, string>): Promise<void> {
  const all = await run(['--since', '2026-11-01'], env);
  expect(all.code).toBe(0);
  expect(all.lines).toEqual([
    'at,user,action,invoice,notice,detail',
    '2026-11-02T01:00:00.000Z,U1,lookup,26112000000000100001,,',
    '2026-11-03T01:00:00.000Z,U2,refused,,,"notice, ""schedule"""',
    '2026-12-01T01:00:00.000Z,U1,lookup,26112000000000100009,,',
  ]);
  expect((await run(['--since', '2026-11-01', '--until', '2026-11-30', '--user', 'U1'], env)).lines).toHaveLength(2);
  expect((await run(['--since', '2026-11-01', '--invoice', '26112000000000100009'], env)).lines).toHaveLength(2);
}

describe('npm run audit', () => {
  const tempDir = useTempDirs();

  it('exports the trail as CSV, filtered by time, user and invoice', async () => {
    const dir = await tempDir();
    await fill(await createJsonlAuditLog(dir));
    await expectTheExport({ DATA_DIR: dir });
  });

  it('explains its usage', async () => {
    const r = await run([], { DATA_DIR: await tempDir() });
    expect(r.code).toBe(2);
    expect(r.lines[0]).toMatch(/^Usage: npm run audit -- --since/);
    const zh = await run([], { DATA_DIR: await tempDir(), BOT_LANGUAGE: 'zh' });
    expect(zh).toEqual({ code: 2, lines: [expect.stringMatching(/^用法：npm run audit -- --since/)] });
  });

  it('names a --since after --until, in BOT_LANGUAGE, and prints no trail', async () => {
    const dir = await tempDir();
    await fill(await createJsonlAuditLog(dir));
    const en = await run(['--since', '2026-11-30', '--until', '2026-11-01'], { DATA_DIR: dir });
    expect(en).toEqual({
      code: 2,
      lines: ['--since 2026-11-30 is after --until 2026-11-01: nothing was exported. Swap them.'],
    });
    const zh = await run(['--since', '2026-11-30', '--until', '2026-11-01'], { DATA_DIR: dir, BOT_LANGUAGE: 'zh' });
    expect(zh.lines).toEqual(['--since 2026-11-30 晚于 --until 2026-11-01：没有导出任何数据。请交换两者。']);
    // One day, given as both ends, is a range, not a reversed one.
    expect((await run(['--since', '2026-11-02', '--until', '2026-11-02'], { DATA_DIR: dir })).lines).toHaveLength(2);
  });

  describePostgres('with DATABASE_URL', () => {
    const db = useMigratedSchema();

    it('exports the same CSV from PostgreSQL’s audit trail', async () => {
      await fill(createPgAuditLog(db.pool));
      // DATA_DIR holds no audit files: every line comes from the database.
      await expectTheExport({ DATA_DIR: await tempDir(), DATABASE_URL: postgresUrl, DATABASE_SCHEMA: db.name });
    });

    it('names the server it cannot reach, without its password', async () => {
      const r = await run(['--since', '2026-11-01'], {
        DATA_DIR: await tempDir(),
        DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/invoices',
      });
      expect(r.code).toBe(2);
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toContain('Cannot use PostgreSQL at');
      expect(r.lines[0]).not.toContain('s3cret');
    });
  });
});
