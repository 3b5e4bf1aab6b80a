import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_DIR, DEMO_NOW } from '../../src/demo.js';
import type { Actor } from '../../src/domain/actor.js';
import { ChecklistConfig } from '../../src/domain/checklist-config.js';
import { EscalationSettings } from '../../src/domain/escalation-settings.js';
import { DiagnosisSettings } from '../../src/domain/settings.js';
import type { Conversation } from '../../src/flows/conversation.js';
import { type BotCore, createBotCore } from '../../src/flows/create-bot-core.js';
import type { Choice, Reply } from '../../src/flows/reply.js';
import { createManualClock } from '../../src/lib/clocks.js';
import type { CorePorts, DeductionStore } from '../../src/ports.js';
import { importRecords } from '../../src/services/import-records.js';
import { selectionPeriod } from '../../src/services/selection-period.js';
import { loadChinaCalendar } from '../../src/store/china-calendar.js';
import { readCsvRows } from '../../src/store/csv-file.js';
import { loadFilingTable } from '../../src/store/filing-calendar-file.js';
import { createMemoryDeductionStore } from '../../src/store/memory-deduction-store.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { createMemoryStores, type MemoryStores } from '../../src/store/memory-stores.js';
import { DEFAULT_CHECKLIST } from '../../src/store/settings-file.js';
import { createMemoryInbox } from './memory-inbox.js';
import { createRecordingNotifier } from './recording-notifier.js';

/** The demo data's store, filled through the real importer. */
export async function demoStore(clock = createManualClock(DEMO_NOW)) {
  const store = createMemoryInvoiceStore();
  for (const source of ['ledger', 'tax'] as const) {
    await importRecords(
      { store, clock, zone: 'Asia/Shanghai' },
      { source, file: source, rows: readCsvRows(join(DEMO_DIR, `${source}.csv`)) },
    );
  }
  return store;
}

/** The demo's deduction-selection export (抵扣类勾选), imported on the demo day: selections for November 2026. */
export async function demoDeductions(clock = createManualClock(DEMO_NOW)): Promise<DeductionStore> {
  const deductions = createMemoryDeductionStore();
  const period = selectionPeriod(
    await loadFilingTable('/nonexistent-invoice-desk'),
    await loadChinaCalendar('/nonexistent-invoice-desk'),
    'Asia/Shanghai',
  );
  const result = await importRecords(
    { store: createMemoryInvoiceStore(), clock, zone: 'Asia/Shanghai', deductions: { store: deductions, period } },
    { source: 'deduction', file: 'deduction.csv', rows: readCsvRows(join(DEMO_DIR, 'deduction.csv')) },
  );
  if (!result.ok) throw new Error(`demo deduction.csv is invalid: ${JSON.stringify(result.error)}`);
  return deductions;
}

/** In-memory ports over the demo data; override any of them (e.g. a lowdb store to test restarts). */
export async function demoPorts(
  overrides: Partial<CorePorts> = {},
): Promise<CorePorts & { notifier: ReturnType<typeof createRecordingNotifier>; audit: MemoryStores['audit'] }> {
  const clock = overrides.clock ?? createManualClock(DEMO_NOW);
  const { audit, ...stores } = createMemoryStores(clock);
  return {
    store: await demoStore(createManualClock(DEMO_NOW)),
    ...stores,
    inbox: createMemoryInbox(),
    deductions: await demoDeductions(),
    backup: async (reason) => `backups/memory-${reason}`,
    calendar: await loadChinaCalendar('/nonexistent-invoice-desk'),
    filing: await loadFilingTable('/nonexistent-invoice-desk'),
    ...overrides,
    clock,
    notifier: createRecordingNotifier(),
    audit,
  };
}

/**
 * The core over the demo data, wired exactly as the bot wires it. `idPrefix` starts the ids it makes, so two cores
 * over the same ports (two replicas) do not make the same ones, as random ids would not.
 */
export async function demoCore(
  ports: CorePorts,
  people: { finance?: string[]; admins?: string[]; channel?: string; idPrefix?: string } = {},
): Promise<BotCore> {
  const settings = DiagnosisSettings.parse(JSON.parse(await readFile(join(DEMO_DIR, 'settings.json'), 'utf8')));
  const checklist = ChecklistConfig.parse(JSON.parse(await readFile(DEFAULT_CHECKLIST, 'utf8')));
  let n = 0;
  return createBotCore(ports, {
    language: 'en',
    zone: 'Asia/Shanghai',
    settings,
    escalationSettings: EscalationSettings.parse({}),
    checklist,
    announceChannels: ['C0ANNOUNCE'],
    ...(people.channel ? { escalationChannel: people.channel } : {}),
    financeLeads: people.finance ?? ['UFIN'],
    admins: people.admins ?? ['UADM'],
    newId: () => `${people.idPrefix ?? ''}${++n}`,
    inboxPath: 'DATA_DIR/inbox',
  });
}

/** A conversation over the demo data, wired exactly as the bot wires it. */
export async function demoConversation(
  ports: CorePorts,
  people: { finance?: string[]; admins?: string[]; channel?: string } = {},
): Promise<Conversation> {
  return (await demoCore(ports, people)).conversation;
}

/** Every choice offered in a set of replies. */
export function choicesOf(replies: Reply[]): Choice[] {
  return replies.flatMap((r) => {
    if (r.kind === 'choices') return r.choices;
    if (r.kind === 'invoice') return r.card.actions;
    if (r.kind === 'list') return r.items.flatMap((i) => (i.choice ? [i.choice] : []));
    return [];
  });
}

/** The text of a set of replies, for assertions. */
export function textOf(replies: Reply[]): string {
  return replies
    .map((r) =>
      r.kind === 'invoice'
        ? r.card.title
        : r.kind === 'list'
          ? [r.title, ...r.items.map((i) => i.text)].join('\n')
          : r.kind === 'chart'
            ? [r.chart.title, r.chart.summary].join('\n')
            : r.text,
    )
    .join('\n');
}

export const alice: Actor = { userId: 'UALICE', role: 'employee' };
export const bob: Actor = { userId: 'UBOB', role: 'employee' };
export const lead: Actor = { userId: 'UFIN', role: 'finance' };
