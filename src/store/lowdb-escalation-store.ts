import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type Escalation, isOpen } from '../domain/escalation.js';
import type { EscalationStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

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
  const byId = new Map((db.data.escalations as unknown as Escalation[]).map((e) => [e.id, e]));
  return {
    all: () => [...byId.values()],
    get: (id) => byId.get(id),
    openFor: (key) => [...byId.values()].find((e) => e.invoiceKey === key && isOpen(e)),
    async put(escalation) {
      byId.set(escalation.id, escalation);
      db.data.escalations = [...byId.values()];
      await db.write();
    },
  };
}
