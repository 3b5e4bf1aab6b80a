import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChecklistSession } from '../domain/checklist-session.js';
import type { ChecklistStore } from '../ports.js';
import { openJsonlCollection } from './jsonl-collection-file.js';
import { createChecklistCollection } from './state-collections.js';

const Session = z.looseObject({ id: z.string(), userId: z.string(), invoiceKey: z.string(), status: z.string() });

/**
 * Walk-throughs in `DATA_DIR/state/checklists.jsonl`: every click changes one, so each change appends that one
 * walk-through as a line instead of rewriting them all (the file is compacted now and then). A
 * `state/checklists.json` left by an older version is read once and replaced.
 */
export async function createLowdbChecklistStore(dataDir: string): Promise<ChecklistStore> {
  const dir = join(dataDir, 'state');
  await mkdir(dir, { recursive: true });
  const file = await openJsonlCollection(join(dir, 'checklists.jsonl'), Session, {
    file: join(dir, 'checklists.json'),
    key: 'sessions',
  });
  return createChecklistCollection(file.items as unknown as ChecklistSession[], file.save);
}
