import { readdir } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import { parseDeductionRow } from '../../src/domain/deduction-row.js';
import { keyToId } from '../../src/domain/identifier.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type OpenedStores, openStores } from '../../src/store/open-stores.js';
import { createPgPool } from '../../src/store/postgres/create-pg-pool.js';
import { ledger } from '../helpers/fixtures.js';
import { describePostgres, postgresUrl, uniqueSchemaName } from '../helpers/postgres.js';
import { createRecordingNotifier } from '../helpers/recording-notifier.js';
import { deductionCells } from '../helpers/rows.js';
import { escalationFixture, noticeFixture, sessionFixture } from '../helpers/state-fixtures.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const NOW = new Date('2026-11-27T03:00:00Z');

// `DATABASE_URL` as two replicas see it: each opens the stores with a DATA_DIR of its own on one schema, and what one
// writes through any port the other reads, so no state that changes an answer stays in one replica's files.
describePostgres('openStores with a database', () => {
  const tempDir = useTempDirs();
  const schema = uniqueSchemaName('stores');
  const opened: OpenedStores[] = [];
  const clock = createManualClock(NOW);

  async function replica(): Promise<{ ports: OpenedStores; dataDir: string }> {
    const dataDir = await tempDir();
    const ports = await openStores(dataDir, clock, createRecordingNotifier(), { url: postgresUrl, schema });
    opened.push(ports);
    return { ports, dataDir };
  }

  afterAll(async () => {
    for (const ports of opened) {
      await ports.audit.close();
      await ports.close();
    }
    const pool = createPgPool({ url: postgresUrl, schema });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('shares every store between replicas with their own DATA_DIR, and keeps no state in either folder', async () => {
    // Both start at once: the schema is migrated once, under the migration lock.
    const [{ ports: a, dataDir }, { ports: b }] = await Promise.all([replica(), replica()]);
    const digital = '26112000000000100001';
    await a.store.importLedger([ledger()], NOW);
    expect((await b.store.get(keyToId(`D${digital}`))).ledger?.requester).toBe('UEMP');

    await a.escalations.put(escalationFixture());
    expect((await b.escalations.get('ESC-20261127-001'))?.status).toBe('open');
    await a.notices.put(noticeFixture());
    expect((await b.notices.get('NTC-1'))?.status).toBe('scheduled');
    await a.sessions.put(sessionFixture());
    expect((await b.sessions.active('U0EMP', 'D26112000000000100001'))?.id).toBe('CHK-1');

    await a.questions.record({ type: 'missing', at: NOW.toISOString(), count: 3 });
    expect(await b.questions.between(new Date(NOW.getTime() - 1), new Date(NOW.getTime() + 1))).toHaveLength(1);
    expect(await a.greetings.firstVisit('U0EMP')).toBe(true);
    expect(await b.greetings.firstVisit('U0EMP')).toBe(false);

    await a.prefs.setLanguage('U0EMP', 'zh');
    expect(await b.prefs.language('U0EMP')).toBe('zh');
    const watch = { userId: 'U0EMP', invoiceKey: `D${digital}`, createdAt: NOW.toISOString() };
    await a.watches.add(watch);
    expect(await b.watches.list()).toEqual([watch]);
    expect(await a.schedule.claim('digest', '2026-11-27')).toBeDefined();
    expect(await b.schedule.claim('digest', '2026-11-27')).toBeUndefined();
    const [dedupeA, dedupeB] = await Promise.all([a.openDedupe(() => {}), b.openDedupe(() => {})]);
    expect(await dedupeA.firstSeen('Ev1', NOW)).toBe(true);
    expect(await dedupeB.firstSeen('Ev1', NOW)).toBe(false);

    await a.memory.set('which:U0EMP', '1', 60_000);
    expect(await b.memory.delete('which:U0EMP')).toBe(true);
    expect(await a.memory.get('which:U0EMP')).toBeUndefined();
    await a.audit.record({ at: NOW.toISOString(), user: 'U0EMP', action: 'lookup', invoice: digital });
    await a.audit.flush();
    const pool = createPgPool({ url: postgresUrl, schema });
    const { rows } = await pool.query<{ invoice: string }>('SELECT invoice FROM audit_log');
    await pool.end();
    expect(rows).toEqual([{ invoice: digital }]);

    const parsed = parseDeductionRow(deductionCells({ 数电发票号码: digital }), 2, 'Asia/Shanghai');
    if (!parsed.ok) throw new Error('fixture row');
    await a.deductions.importSelections([parsed.record], { file: 'gx.csv', period: '2026-11' }, NOW);
    expect((await b.deductions.lastImport())?.file).toBe('gx.csv');

    // Nothing but this replica's own files: the settings it was given (none here), its inbox and its backups.
    expect((await readdir(dataDir)).filter((f) => f !== 'inbox' && f !== 'backups')).toEqual([]);
  });
});
