import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { importErrorLines } from '../flows/import-error-lines.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { systemClock } from '../lib/clocks.js';
import { parseLocalDay, parseLocalTime } from '../lib/time.js';
import type { Clock, ImportRows } from '../ports.js';
import { type ImportSource, importRecords } from '../services/import-records.js';
import { createBackup, finishInterruptedRestore } from '../store/backups.js';
import { ImportWorkerError } from '../store/check-file-in-worker.js';
import { CorruptDataError } from '../store/corrupt-data-error.js';
import { DataLockedError, lockDataDir } from '../store/data-lock.js';
import { type OpenedInvoiceStore, openInvoiceStore } from '../store/open-invoice-store.js';
import { DatabaseUnavailableError } from '../store/postgres/open-postgres.js';
import { createPostgresBackup } from '../store/postgres/postgres-backup.js';
import { IMPORT_EXTENSIONS, readRows } from '../store/read-rows.js';
import { removeCrashLeftovers } from '../store/remove-crash-leftovers.js';
import { loadCliConfig } from './cli-config.js';
import { describePostgresBackup } from './postgres-backup-cli.js';

const SOURCES: readonly string[] = ['ledger', 'tax', 'deduction'] satisfies ImportSource[];

/**
 * `npm run import -- ledger|tax FILE [--from D --to D]` and `npm run import -- deduction FILE [--period YYYY-MM]`:
 * validates every row, then imports all or nothing, and prints a summary in BOT_LANGUAGE. A deduction-selection
 * export is recorded for the period open for selection at import time unless `--period` names another. Returns the
 * exit code: 0 imported, 1 refused (nothing written), 2 unusable call.
 */
export async function runImport(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
  clock: Clock = systemClock,
): Promise<number> {
  const config = loadCliConfig(env, print);
  if (!config) return 2;
  const t = catalogFor(config.language);
  const [source, file, ...rest] = argv;
  const flag = (name: string) => rest[rest.indexOf(name) + 1];
  const from = rest.includes('--from') ? flag('--from') : undefined;
  const to = rest.includes('--to') ? flag('--to') : undefined;
  const period = rest.includes('--period') ? flag('--period') : undefined;
  const badDate = [from, to].find((d) => d !== undefined && !parseLocalTime(d, config.timezone));
  // A selection export is a snapshot of one period: an issue-date range does not apply to it, a period only to it.
  const misplaced = source === 'deduction' ? from !== undefined || to !== undefined : period !== undefined;
  const badPeriod = period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  if (!source || !SOURCES.includes(source) || !file || badDate !== undefined || misplaced || badPeriod) {
    print(t.import.usage);
    return 2;
  }
  // Compared and passed on as local days, whatever way each was written (`20261101`, `2026年11月1日`, `2026-11-01`):
  // as typed, `2026-11-30` sorted before `20261101` and a reversed range slipped through.
  const fromDay = from === undefined ? undefined : parseLocalDay(from, config.timezone);
  const toDay = to === undefined ? undefined : parseLocalDay(to, config.timezone);
  if (from && to && fromDay && toDay && fromDay > toDay) {
    print(t.import.rangeReversed(from, to));
    return 2;
  }
  if (!IMPORT_EXTENSIONS.some((ext) => file.toLowerCase().endsWith(ext))) {
    print(t.import.unsupported(file));
    return 2;
  }
  const rows = (await access(file).then(
    () => true,
    () => false,
  ))
    ? readRows(file)
    : undefined;
  if (!rows) {
    print(t.import.missingFile(file));
    return 2;
  }
  let release: (() => Promise<void>) | undefined;
  let opened: OpenedInvoiceStore | undefined;
  const database = config.databaseUrl ? { url: config.databaseUrl, schema: config.databaseSchema } : undefined;
  try {
    // With PostgreSQL the import is one transaction beside running replicas; DATA_DIR is only where backups go.
    if (!database) {
      release = await lockDataDir(config.dataDir);
      // As the bot does at start: a restore that a crash cut off is rolled back before anything is read or written.
      await finishInterruptedRestore(config.dataDir);
    }
    opened = await openInvoiceStore(config.dataDir, database);
    const store = opened.store;
    if (!database) await removeCrashLeftovers(config.dataDir);
    const request = {
      source: source as ImportSource,
      file: basename(file),
      ...(fromDay ? { coverFrom: fromDay } : {}),
      ...(toDay ? { coverTo: toDay } : {}),
      ...(period ? { period } : {}),
    };
    // Only a deduction-selection import loads its store and the calendars: the other imports start no slower.
    const deductions = source === 'deduction' && (await openDeductions(config.dataDir, config.timezone));
    const deps = { store, clock, zone: config.timezone, ...(deductions ? { deductions } : {}) };
    // Check every row first, then back up, then write: a refused file costs no backup, an accepted one can be undone.
    let result = await importRecords(deps, { ...request, rows, dryRun: true });
    if (result.ok) {
      if (!database) print(t.backup.created(await createBackup(config.dataDir, 'before-import', clock.now())));
      else {
        const backup = await createPostgresBackup(config.dataDir, database, 'before-import', clock.now());
        print(describePostgresBackup(t.backup, backup));
      }
      result = await importRecords(deps, { ...request, rows: readRows(file) as ImportRows });
    }
    if (!result.ok) {
      const e = result.error;
      if (e.code === 'invalid_rows') print(t.import.refused(e.problemCount, e.rows));
      for (const line of importErrorLines(t, e, 50)) print(line);
      return 1;
    }
    const s = result.value;
    print(t.import.done(s.source, s.rows, s.added, s.changed, s.unchanged));
    if (s.source === 'tax' && s.from && s.to) print(t.import.coverage(s.from, s.to));
    if (s.period) print(t.deduction.imported(s.period));
    return 0;
  } catch (error) {
    if (
      error instanceof DataLockedError ||
      error instanceof CorruptDataError ||
      error instanceof ConfigError ||
      error instanceof DatabaseUnavailableError ||
      error instanceof ImportWorkerError
    ) {
      print(error.message);
      return 2;
    }
    throw error;
  } finally {
    await opened?.close();
    await release?.();
  }
}

async function openDeductions(dataDir: string, zone: string) {
  const [{ createFileDeductionStore }, { selectionPeriod }, { loadFilingTable }, { loadChinaCalendar }] =
    await Promise.all([
      import('../store/file-deduction-store.js'),
      import('../services/selection-period.js'),
      import('../store/filing-calendar-file.js'),
      import('../store/china-calendar.js'),
    ]);
  return {
    store: await createFileDeductionStore(dataDir),
    period: selectionPeriod(await loadFilingTable(dataDir), await loadChinaCalendar(dataDir), zone),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runImport(process.argv.slice(2), process.env, (line) => console.log(line));
}
