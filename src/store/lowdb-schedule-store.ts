import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ScheduleStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

const ScheduleFile = z.object({ runs: z.record(z.string(), z.string()) });

/** When each daily job last ran, in `DATA_DIR/state/schedule.json`. */
export async function createLowdbScheduleStore(dataDir: string): Promise<ScheduleStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'schedule.json'), ScheduleFile, { runs: {} });
  return {
    lastRun: async (job) => db.data.runs[job],
    async markRun(job, value) {
      await db.update((data) => {
        data.runs[job] = value;
      });
    },
    // One process owns DATA_DIR (data-lock), so checking and setting in one synchronous step is atomic here.
    async claim(job, value) {
      if (db.data.runs[job] === value) return false;
      db.data.runs[job] = value;
      await db.write();
      return true;
    },
  };
}
