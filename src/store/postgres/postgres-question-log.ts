import type pg from 'pg';
import type { QuestionEvent } from '../../domain/question-event.js';
import type { QuestionLog } from '../../ports.js';
import { QuestionEventLine } from '../jsonl-question-log.js';

const INSERT = 'INSERT INTO question_events (at, type, user_id, invoice, doc) VALUES ($1, $2, $3, $4, $5)';

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
  return {
    async record(event) {
      await pool.query(INSERT, values(event));
    },
    async answer(event) {
      const result = await pool.query(
        `${INSERT} ON CONFLICT (user_id, invoice) WHERE type = 'feedback' DO NOTHING`,
        values(event),
      );
      return result.rowCount === 1;
    },
    async answered(user, invoice) {
      const result = await pool.query(
        "SELECT 1 FROM question_events WHERE type = 'feedback' AND user_id = $1 AND invoice = $2",
        [user, invoice],
      );
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
