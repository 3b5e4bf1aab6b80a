import type pg from 'pg';
import type { QuestionEvent } from '../../domain/question-event.js';
import type { QuestionLog } from '../../ports.js';
import { coalesceWrites } from '../coalesce-writes.js';
import { QuestionEventLine } from '../jsonl-question-log.js';

const INSERT = 'INSERT INTO question_events (at, type, user_id, invoice, doc) VALUES ($1, $2, $3, $4, $5)';

// Many events in one INSERT: each column travels as one array parameter, and unnest turns them back into rows,
// in the order recorded so that `id` follows that order.
const INSERT_MANY = `INSERT INTO question_events (at, type, user_id, invoice, doc)
  SELECT at, type, user_id, invoice, doc
  FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
    WITH ORDINALITY AS batch (at, type, user_id, invoice, doc, position)
  ORDER BY position`;

function values(event: QuestionEvent): unknown[] {
  const who = event.type === 'missing' ? [null, null] : [event.user, event.invoice];
  return [event.at, event.type, ...who, JSON.stringify(event)];
}

/**
 * The question log in PostgreSQL (`question_events`, migration 003): one row per event. A second answer to "Did
 * this solve it?" about the same invoice by the same person is refused by a unique index, so two replicas taking a
 * double click still record one.
 */
export function createPostgresQuestionLog(pool: pg.Pool): QuestionLog {
  // Every answered lookup records an event. As with questions.jsonl, events recorded while an insert runs share the
  // next one, a single statement: fifty concurrent lookups cost a few inserts, not fifty. `record` still resolves
  // only once its event is stored, and a failed insert rejects every event that shared it.
  let pending: QuestionEvent[] = [];
  const insert = coalesceWrites(async () => {
    const batch = pending;
    pending = [];
    const rows = batch.map(values);
    await pool.query({
      name: 'question-insert-many',
      text: INSERT_MANY,
      values: [0, 1, 2, 3, 4].map((column) => rows.map((row) => row[column])),
    });
  });
  return {
    record(event) {
      pending.push(event);
      return insert();
    },
    async answer(event) {
      const result = await pool.query(
        `${INSERT} ON CONFLICT (user_id, invoice) WHERE type = 'feedback' DO NOTHING`,
        values(event),
      );
      return result.rowCount === 1;
    },
    async answered(user, invoice) {
      const result = await pool.query({
        name: 'question-answered',
        text: "SELECT 1 FROM question_events WHERE type = 'feedback' AND user_id = $1 AND invoice = $2",
        values: [user, invoice],
      });
      return result.rowCount === 1;
    },
    async between(from, to) {
      const result = await pool.query<{ doc: unknown }>(
        'SELECT doc FROM question_events WHERE at >= $1 AND at < $2 ORDER BY at, id',
        [from.toISOString(), to.toISOString()],
      );
      // Rows are validated like the file's lines: a row written by hand must not break the figures silently.
      return result.rows.map((row) => QuestionEventLine.parse(row.doc));
    },
  };
}
