import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChecklistSession } from '../domain/checklist-session.js';
import type { ChecklistStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

const SessionsFile = z.object({
  sessions: z.array(z.looseObject({ id: z.string(), userId: z.string(), invoiceKey: z.string(), status: z.string() })),
});

// Finished walk-throughs are kept this long for the outcome reports, then dropped to keep the file small.
const KEEP_FINISHED_MS = 90 * 86_400_000;

/** Walk-throughs in `DATA_DIR/state/checklists.json`. */
export async function createLowdbChecklistStore(dataDir: string): Promise<ChecklistStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'checklists.json'), SessionsFile, { sessions: [] });
  const sessions = new Map((db.data.sessions as unknown as ChecklistSession[]).map((s) => [s.id, s]));
  return {
    get: (id) => sessions.get(id),
    active: (userId, key) =>
      [...sessions.values()].find((s) => s.userId === userId && s.invoiceKey === key && s.status === 'active'),
    awaiting: (userId) =>
      [...sessions.values()]
        .filter((s) => s.userId === userId && s.status === 'active' && s.awaiting)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0],
    all: () => [...sessions.values()],
    async put(session) {
      sessions.set(session.id, session);
      const cutoff = Date.parse(session.updatedAt) - KEEP_FINISHED_MS;
      for (const [id, s] of sessions)
        if (s.status !== 'active' && Date.parse(s.updatedAt) < cutoff) sessions.delete(id);
      db.data.sessions = [...sessions.values()];
      await db.write();
    },
  };
}
