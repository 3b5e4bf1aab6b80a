import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GreetingStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

const GreetedFile = z.object({ users: z.array(z.string()) });

/** The people greeted in the Messages tab, in `DATA_DIR/state/greeted.json` (a user id each). */
export async function createLowdbGreetingStore(dataDir: string): Promise<GreetingStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'greeted.json'), GreetedFile, { users: [] });
  const greeted = new Set(db.data.users);
  return {
    async firstVisit(userId) {
      if (greeted.has(userId)) return false;
      // Claimed before the write, so two opens in quick succession greet once.
      greeted.add(userId);
      await db.update((data) => {
        data.users.push(userId);
      });
      return true;
    },
  };
}
