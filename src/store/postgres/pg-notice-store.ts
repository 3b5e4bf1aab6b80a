import type pg from 'pg';
import type { Notice } from '../../domain/notice.js';
import type { NoticeStore } from '../../ports.js';
import { docTable } from './doc-table.js';

/**
 * Notices in PostgreSQL (`notices`, migration 001), for bots that share a database. `update` changes a notice under
 * its row lock, so two replicas stepping a notice's lifecycle at once never undo each other's step.
 */
export function createPgNoticeStore(pool: pg.Pool): NoticeStore {
  const notices = docTable<Notice>(pool, {
    table: 'notices',
    columns: ['status', 'starts_at', 'ends_at'],
    values: (n) => [n.status, n.startsAt, n.endsAt],
  });
  return {
    async all() {
      // In the order they were made, as the file keeps them.
      const { rows } = await pool.query<{ doc: Notice }>(`SELECT doc FROM notices ORDER BY doc->>'createdAt', id`);
      return rows.map((r) => r.doc);
    },
    get: (id) => notices.get(pool, id),
    put: (notice) => notices.put(pool, notice),
    update: notices.update,
  };
}
