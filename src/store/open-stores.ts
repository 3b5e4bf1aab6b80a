import type { Clock, CorePorts, DedupeStore, Notifier } from '../ports.js';
import { finishInterruptedRestore } from './backups.js';
import { loadChinaCalendar } from './china-calendar.js';
import { createFileInbox } from './file-inbox.js';
import { loadFilingTable } from './filing-calendar-file.js';
import { createGb2260RegionNames } from './gb2260-region-names.js';
import { openLowdbStores } from './open-lowdb-stores.js';
import { openPostgresStores } from './open-postgres-stores.js';
import type { PgTarget } from './postgres/create-pg-pool.js';
import { removeCrashLeftovers } from './remove-crash-leftovers.js';
import { DEFAULT_SCHEDULE_LEASE_MS } from './schedule-slots.js';

/** Every port the core needs, the Slack runtime's dedupe store, and what to release when the bot stops. */
export type OpenedStores = CorePorts & {
  /**
   * Opens the store of handled event ids and interaction keys (only the Slack runtimes need one); `onWriteError` is
   * told when the embedded store's disk refuses a write.
   */
  openDedupe(onWriteError: (error: unknown) => void): Promise<DedupeStore>;
  /** Closes the database connections (PostgreSQL mode); the audit log is closed on its own, before this. */
  close(): Promise<void>;
};

/** The ports whose home the mode decides: DATA_DIR's files, or the database every replica shares. */
export type StatePorts = Omit<CorePorts, 'notifier' | 'clock' | 'calendar' | 'filing' | 'regions' | 'inbox'> &
  Pick<OpenedStores, 'openDedupe' | 'close'>;

/**
 * Opens every store and returns the core's ports over them, with the runtime's clock and notifier. Without
 * `database` everything lives in DATA_DIR (lowdb and JSONL files; a corrupt file stops here, named). With `database`
 * (`DATABASE_URL`) every store lives in PostgreSQL on one pool, migrated first under the migration lock, and DATA_DIR
 * keeps only this replica's own files: the settings an admin edits, the calendars, the inbox and the backups.
 * `scheduleLeaseMs` is how long a claimed slot of scheduled work stays this process's (`SCHEDULE_LEASE_SECONDS`).
 */
export async function openStores(
  dataDir: string,
  clock: Clock,
  notifier: Notifier,
  database?: PgTarget,
  scheduleLeaseMs = DEFAULT_SCHEDULE_LEASE_MS,
): Promise<OpenedStores> {
  await finishInterruptedRestore(dataDir);
  const schedule = { clock, leaseMs: scheduleLeaseMs };
  const state = database
    ? await openPostgresStores(dataDir, clock, database, schedule)
    : await openLowdbStores(dataDir, clock, schedule);
  // After the journals are replayed (opening the lowdb invoice store does that), no temp file is needed any more.
  await removeCrashLeftovers(dataDir);
  return {
    ...state,
    inbox: await createFileInbox(dataDir),
    notifier,
    clock,
    calendar: await loadChinaCalendar(dataDir),
    filing: await loadFilingTable(dataDir),
    regions: createGb2260RegionNames(),
  };
}
