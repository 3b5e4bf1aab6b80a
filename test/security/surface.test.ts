import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvCell, runAudit } from '../../src/cli/audit.js';
import { healthReport } from '../../src/domain/health-report.js';
import { healthResponse } from '../../src/slack/health-response.js';
import { createAppHomeOpenedHandler } from '../../src/slack/listeners/events/app-home-opened.js';
import { fakeArgs, recordingConversation, slackDeps } from '../helpers/fake-bolt-args.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const report = healthReport({
  mode: 'http',
  records: { ledger: 19, tax: 16 },
  coverage: [
    {
      from: '2026-11-01',
      to: '2026-11-26',
      file: '发票基础信息-secret-name.xlsx',
      rows: 16,
      importedAt: '2026-11-27T01:00:00.000Z',
    },
  ],
  lastLedgerImport: undefined,
  staleSyncHours: 48,
  now: new Date('2026-11-27T07:00:00Z'),
});

describe('a smaller surface', () => {
  const tempDir = useTempDirs();

  it.each([
    ['no token configured, none sent', undefined, undefined],
    ['no token configured, one sent', undefined, 'Bearer anything-at-all-here'],
    ['a token configured, none sent', 'the-health-token-123', undefined],
    ['a token configured, a wrong one sent', 'the-health-token-123', 'Bearer the-health-token-124'],
    ['a token configured, sent without Bearer', 'the-health-token-123', 'the-health-token-123'],
  ])('/healthz shows only { ok, mode } with %s', (_, configured, header) => {
    expect(healthResponse(header, configured, report)).toEqual({ ok: true, mode: 'http' });
  });

  it('/healthz shows the details with the right bearer token', () => {
    expect(healthResponse('Bearer the-health-token-123', 'the-health-token-123', report)).toEqual(report);
  });

  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['  =1+1', "'  =1+1"],
    ['\u00a0+cmd', "'\u00a0+cmd"],
    ['plain note', 'plain note'],
  ])('the audit CSV defuses %j', (cell, out) => {
    expect(csvCell(cell)).toBe(out);
  });

  it('the audit export reports a torn last line and exports the rest', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'audit'), { recursive: true });
    const file = join(dir, 'audit', '2026-11.jsonl');
    await writeFile(file, `${JSON.stringify({ at: '2026-11-02T01:00:00.000Z', user: 'U1', action: 'lookup' })}\n`);
    await appendFile(file, '{"at":"2026-11-02T02:00:00.000Z","user":"U2","act');
    const lines: string[] = [];
    expect(await runAudit(['--since', '2026-11-01'], { DATA_DIR: dir }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([
      'at,user,action,invoice,notice,detail',
      '2026-11-02T01:00:00.000Z,U1,lookup,,,',
      '# 2026-11.jsonl:2 is not an audit entry',
    ]);
    const zh: string[] = [];
    await runAudit(['--since', '2026-11-01'], { DATA_DIR: dir, BOT_LANGUAGE: 'zh' }, (l) => zh.push(l));
    expect(zh.at(-1)).toBe('# 2026-11.jsonl 第 2 行不是审计记录，已跳过');
  });

  it('the App Home shows everyone the last syncs, and the record counts only to finance leads and admins', async () => {
    const deps = await slackDeps(recordingConversation().conversation);
    const home = async (user: string) => {
      const published: unknown[] = [];
      const opened = fakeArgs({
        event: { type: 'app_home_opened', tab: 'home', user, channel: `D${user}` },
        client: { views: { publish: async (view: unknown) => published.push(view) } },
      });
      await createAppHomeOpenedHandler(deps)(opened.args);
      expect(published).toHaveLength(1);
      return JSON.stringify(published[0]);
    };
    const counts = /\d+ ledger \/ \d+ tax records/;
    const employee = await home('U0EMP');
    expect(employee).toContain('last tax sync');
    expect(employee).not.toMatch(counts);
    expect(await home('UFIN')).toMatch(counts);
  });
});
