import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Escalation } from '../domain/escalation.js';
import type { EscalationStore } from '../ports.js';
import { openJsonlCollection } from './jsonl-collection-file.js';
import { createEscalationCollection } from './state-collections.js';

const EscalationLine = z.looseObject({
  id: z.string(),
  invoiceKey: z.string(),
  requester: z.string(),
  status: z.string(),
  reminded: z.array(z.string()),
});

/**
 * Escalations in `DATA_DIR/state/escalations.jsonl`: each change (a follower, a claim, a reminder sent) appends the
 * escalation as a line, so the history of every escalation ever filed is not rewritten per change (the file is
 * compacted now and then). A `state/escalations.json` left by an older version is read once and replaced.
 */
export async function createLowdbEscalationStore(dataDir: string): Promise<EscalationStore> {
  const dir = join(dataDir, 'state');
  await mkdir(dir, { recursive: true });
  const file = await openJsonlCollection(join(dir, 'escalations.jsonl'), EscalationLine, {
    file: join(dir, 'escalations.json'),
    key: 'escalations',
  });
  return createEscalationCollection(file.items as unknown as Escalation[], file.save);
}
