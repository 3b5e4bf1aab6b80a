import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChecklistSession } from '../domain/checklist-session.js';
import type { ChecklistStore } from '../ports.js';
import { openJsonFile } from './json-file.js';
import { createChecklistCollection } from './state-collections.js';

const SessionsFile = z.object({
  sessions: z.array(z.looseObject({ id: z.string(), userId: z.string(), invoiceKey: z.string(), status: z.string() })),
});

/** Walk-throughs in `DATA_DIR/state/checklists.json`. */
export async function createLowdbChecklistStore(dataDir: string): Promise<ChecklistStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'checklists.json'), SessionsFile, { sessions: [] });
  return createChecklistCollection(db.data.sessions as unknown as ChecklistSession[], async (sessions) => {
    db.data.sessions = sessions;
    await db.write();
  });
}
