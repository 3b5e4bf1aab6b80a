import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../../src/domain/actor.js';
import { ChecklistConfig } from '../../src/domain/checklist-config.js';
import { DiagnosisSettings } from '../../src/domain/settings.js';
import { createChecklistFlow } from '../../src/flows/checklist-flow.js';
import { type Conversation, createConversation } from '../../src/flows/conversation.js';
import { createNoticeFlow } from '../../src/flows/notice-flow.js';
import { createNoticeRenderer } from '../../src/flows/notice-renderer.js';
import type { Choice, Reply } from '../../src/flows/reply.js';
import { createManualClock, type ManualClock } from '../../src/lib/clocks.js';
import { DEFAULT_CHECKLIST, DEMO_DIR, DEMO_NOW } from '../../src/main.js';
import type { AuditLog, ChecklistStore, WatchStore } from '../../src/ports.js';
import { importRecords } from '../../src/services/import-records.js';
import { readCsvRows } from '../../src/store/csv-file.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import {
  createMemoryAuditLog,
  createMemoryNoticeStore,
  createMemoryPrefsStore,
  createMemoryWatchStore,
} from '../../src/store/memory-state-stores.js';
import { createRecordingNotifier } from './recording-notifier.js';

/** A conversation over the demo data, with the given walk-through store (memory or lowdb). */
export async function demoConversation(
  sessions: ChecklistStore,
  clock: ManualClock = createManualClock(DEMO_NOW),
  watches: WatchStore = createMemoryWatchStore(),
  audit: AuditLog = createMemoryAuditLog(),
): Promise<Conversation> {
  const store = createMemoryInvoiceStore();
  for (const source of ['ledger', 'tax'] as const) {
    await importRecords(
      { store, clock, zone: 'Asia/Shanghai' },
      { source, file: source, rows: readCsvRows(join(DEMO_DIR, `${source}.csv`)) },
    );
  }
  const settings = DiagnosisSettings.parse(JSON.parse(await readFile(join(DEMO_DIR, 'settings.json'), 'utf8')));
  const lookup = { store, windows: { windows: () => [] }, clock, settings, zone: 'Asia/Shanghai' };
  const config = ChecklistConfig.parse(JSON.parse(await readFile(DEFAULT_CHECKLIST, 'utf8')));
  let n = 0;
  const checklist = createChecklistFlow({ audit, lookup, sessions, watches, config, newId: () => `CHK-${++n}` });
  const notices = createNoticeFlow({
    notices: createMemoryNoticeStore(),
    notifier: createRecordingNotifier(),
    render: createNoticeRenderer('en', 'Asia/Shanghai'),
    clock,
    newId: () => `NTC-${++n}`,
    zone: 'Asia/Shanghai',
    announceChannels: ['C0ANNOUNCE'],
    audit,
  });
  return createConversation({
    lookup,
    prefs: createMemoryPrefsStore(),
    checklist,
    notices,
    audit,
    defaultLanguage: 'en',
  });
}

/** Every choice offered in a set of replies. */
export function choicesOf(replies: Reply[]): Choice[] {
  return replies.flatMap((r) => (r.kind === 'choices' ? r.choices : r.kind === 'invoice' ? r.card.actions : []));
}

/** The text of a set of replies, for assertions. */
export function textOf(replies: Reply[]): string {
  return replies.map((r) => (r.kind === 'invoice' ? r.card.title : r.kind === 'list' ? r.title : r.text)).join('\n');
}

export const alice: Actor = { userId: 'UALICE', role: 'employee' };
export const bob: Actor = { userId: 'UBOB', role: 'employee' };
