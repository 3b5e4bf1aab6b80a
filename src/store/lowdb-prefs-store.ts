import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES } from '../i18n/language.js';
import type { PrefsStore } from '../ports.js';
import { openJsonFile } from './json-file.js';

const PrefsFile = z.object({ languages: z.record(z.string(), z.enum(LANGUAGES)) });

/** Per-user preferences in `DATA_DIR/state/prefs.json` (a few bytes per user). */
export async function createLowdbPrefsStore(dataDir: string): Promise<PrefsStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'prefs.json'), PrefsFile, { languages: {} });
  return {
    language: async (userId) => db.data.languages[userId],
    async setLanguage(userId, language) {
      await db.update((data) => {
        data.languages[userId] = language;
      });
    },
  };
}
