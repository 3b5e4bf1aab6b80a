import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DedupeStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

const DedupeFile = z.object({ seen: z.record(z.string(), z.number()) });

// Slack retries an event for about 5 minutes (immediately, +1 min, +5 min); a day covers restarts in between.
const TTL_MS = 24 * 3_600_000;

/**
 * Handled keys (event ids, interaction keys) in `DATA_DIR/state/dedupe.json`, persisted so a restart during
 * Slack's retries does not answer twice. Expired keys are dropped on each write, keeping the file small.
 */
export async function createLowdbDedupeStore(dataDir: string): Promise<DedupeStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'dedupe.json'), DedupeFile, { seen: {} });
  return {
    async firstSeen(key, now) {
      const at = db.data.seen[key];
      if (at !== undefined && now.getTime() - at < TTL_MS) return false;
      await db.update((data) => {
        for (const [k, t] of Object.entries(data.seen)) if (now.getTime() - t >= TTL_MS) delete data.seen[k];
        data.seen[key] = now.getTime();
      });
      return true;
    },
  };
}
