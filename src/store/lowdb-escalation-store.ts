import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Escalation } from '../domain/escalation.js';
import type { EscalationStore } from '../ports.js';
import { openJsonFile } from './json-file.js';
import { createEscalationCollection } from './state-collections.js';

const EscalationsFile = z.object({
  escalations: z.array(
    z.looseObject({
      id: z.string(),
      invoiceKey: z.string(),
      requester: z.string(),
      status: z.string(),
      reminded: z.array(z.string()),
    }),
  ),
});

/** Escalations in `DATA_DIR/state/escalations.json`: a few a day, so one small file written per change. */
export async function createLowdbEscalationStore(dataDir: string): Promise<EscalationStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'escalations.json'), EscalationsFile, { escalations: [] });
  return createEscalationCollection(db.data.escalations as unknown as Escalation[], async (escalations) => {
    db.data.escalations = escalations;
    await db.write();
  });
}
