import type pg from 'pg';
import { LANGUAGES, type Language } from '../../i18n/language.js';
import type { PrefsStore } from '../../ports.js';

/**
 * Per-user preferences in PostgreSQL (`preferences`, migration 001): one row per user, so a language set on one
 * replica is the one every replica answers in. A value the bot does not know (written by hand, or by a newer
 * release) reads as unset rather than reaching the renderer.
 */
export function createPgPrefsStore(pool: pg.Pool): PrefsStore {
  return {
    async language(userId) {
      // Named: prepared once per connection, as every request reads it.
      const result = await pool.query<{ language: string | null }>({
        name: 'prefs-language',
        text: 'SELECT language FROM preferences WHERE user_id = $1',
        values: [userId],
      });
      const language = result.rows[0]?.language;
      return LANGUAGES.includes(language as Language) ? (language as Language) : undefined;
    },
    async setLanguage(userId, language) {
      await pool.query(
        `INSERT INTO preferences (user_id, language) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE
           SET language = EXCLUDED.language, version = preferences.version + 1, updated_at = now()`,
        [userId, language],
      );
    },
  };
}
