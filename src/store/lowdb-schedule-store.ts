import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScheduleStore } from '../ports.js';
import { openJsonFile } from './json-file.js';
import { createScheduleSlots, ScheduleData, type ScheduleOptions } from './schedule-slots.js';

/**
 * When each scheduled job last ran, and the leases being worked on, in `DATA_DIR/state/schedule.json`. A lease
 * outlives a crash: after a restart its slot is retried once the lease has expired.
 */
export async function createLowdbScheduleStore(dataDir: string, options: ScheduleOptions = {}): Promise<ScheduleStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'schedule.json'), ScheduleData, { runs: {}, leases: {} });
  // One process owns DATA_DIR (data-lock), so checking and setting in one synchronous step is atomic here.
  return createScheduleSlots(db.data, () => db.write(), options);
}
