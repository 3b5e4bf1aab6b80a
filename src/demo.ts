import { rmSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { createManualClock, type ManualClock } from './lib/clocks.js';
import { importRecords } from './services/import-records.js';
import { selectionPeriod } from './services/selection-period.js';
import { loadChinaCalendar } from './store/china-calendar.js';
import { readCsvRows } from './store/csv-file.js';
import { lockDataDir } from './store/data-lock.js';
import { createFileDeductionStore } from './store/file-deduction-store.js';
import { loadFilingTable } from './store/filing-calendar-file.js';
import { createLowdbInvoiceStore } from './store/lowdb-invoice-store.js';

/** Where the shipped demo data lives. */
export const DEMO_DIR = fileURLToPath(new URL('../data/demo/', import.meta.url));
/** The console's clock on demo data: the demo records are written around this moment. */
export const DEMO_NOW = new Date('2026-11-27T15:00:00+08:00');
/** The console's stand-in users, one per role. */
export const CONSOLE_ACTORS = { employee: 'UDEMOEMP', finance: 'UDEMOFIN', admin: 'UDEMOADM' } as const;

/** The data folder a console runs on: DATA_DIR (locked) when it holds invoices, else a fresh copy of the demo. */
export type ConsoleData = { dataDir: string; demo: boolean; clock?: ManualClock; release: () => Promise<void> };

async function hasInvoices(dataDir: string): Promise<boolean> {
  const names = await Promise.all(
    ['ledger', 'tax'].map((s) => readdir(join(dataDir, 'invoices', s)).catch(() => [] as string[])),
  );
  return names.some((n) => n.some((f) => f.endsWith('.json')));
}

// The demo CSVs go through the real importer once per process; every console after the first gets a copy of that
// folder. Tests start many consoles, and copying is far cheaper than importing.
const prepared = new Map<string, Promise<string>>();

async function importDemo(zone: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-demo-template-'));
  await cp(join(DEMO_DIR, 'settings.json'), join(dataDir, 'settings.json'));
  // A policy-change notice already in effect, so cards and walk-throughs of affected demo invoices show its context.
  await cp(join(DEMO_DIR, 'notices.json'), join(dataDir, 'state', 'notices.json'));
  const store = await createLowdbInvoiceStore(dataDir);
  const clock = createManualClock(DEMO_NOW);
  // The deduction-selection export (抵扣类勾选) as taken on the demo day: for the November period.
  const deductions = {
    store: await createFileDeductionStore(dataDir),
    period: selectionPeriod(await loadFilingTable(dataDir), await loadChinaCalendar(dataDir), zone),
  };
  for (const source of ['ledger', 'tax', 'deduction'] as const) {
    const result = await importRecords(
      { store, clock, zone, deductions },
      { source, file: `${source}.csv`, rows: readCsvRows(join(DEMO_DIR, `${source}.csv`)) },
    );
    if (!result.ok) throw new Error(`demo ${source}.csv is invalid: ${JSON.stringify(result.error)}`);
  }
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

/**
 * Fills `dataDir` with the shipped demo data (settings, both record sources and the deduction selections), as
 * imported by the real importer:
 * imported once per process, copied after that.
 */
export async function copyDemoData(dataDir: string, zone: string): Promise<void> {
  let template = prepared.get(zone);
  if (!template) {
    template = importDemo(zone);
    prepared.set(zone, template);
  }
  await cp(await template, dataDir, { recursive: true });
}

/**
 * Opens the console's data: a real DATA_DIR is locked like any other bot would lock it; without invoices there, a
 * temporary copy of the shipped demo (thrown away at the end) with the demo clock.
 */
export async function openConsoleData(config: Config): Promise<ConsoleData> {
  if (await hasInvoices(config.dataDir)) {
    const release = await lockDataDir(config.dataDir);
    return { dataDir: config.dataDir, demo: false, release };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-demo-'));
  await copyDemoData(dataDir, config.timezone);
  const release = () => rm(dataDir, { recursive: true, force: true });
  return { dataDir, demo: true, clock: createManualClock(DEMO_NOW), release };
}

/**
 * Console posts are only printed, so stand-in channels are used when none are configured. The console's finance and
 * admin personas count as a finance lead and an admin like configured ones (so escalations can be assigned to them).
 */
export function withStandInChannels(config: Config): Config {
  return {
    ...config,
    announceChannels: config.announceChannels.length > 0 ? config.announceChannels : ['C0DEMO'],
    escalationChannel: config.escalationChannel ?? 'C0ESCALATIONS',
    financeLeads: [...config.financeLeads, CONSOLE_ACTORS.finance],
    adminUsers: [...config.adminUsers, CONSOLE_ACTORS.admin],
  };
}
