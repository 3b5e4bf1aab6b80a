import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { WatchStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

const WatchesFile = z.object({
  watches: z.array(z.object({ userId: z.string(), invoiceKey: z.string(), createdAt: z.string() })),
});

/** "Tell me when it appears" requests in `DATA_DIR/state/watches.json`; one per user and invoice. */
export async function createLowdbWatchStore(dataDir: string): Promise<WatchStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'watches.json'), WatchesFile, { watches: [] });
  return {
    list: async () => [...db.data.watches],
    // One process owns DATA_DIR (data-lock), and the check and the removal happen in one synchronous step.
    async remove(watch) {
      const kept = db.data.watches.filter((w) => !(w.userId === watch.userId && w.invoiceKey === watch.invoiceKey));
      if (kept.length === db.data.watches.length) return false;
      db.data.watches = kept;
      await db.write();
      return true;
    },
    async add(watch) {
      if (db.data.watches.some((w) => w.userId === watch.userId && w.invoiceKey === watch.invoiceKey)) return false;
      await db.update((data) => {
        data.watches.push(watch);
      });
      return true;
    },
  };
}
