-- Invoice Desk, schema version 3: the question log and the Messages-tab greetings (issue 16, the bot's figures).

-- What finance's figures are computed from (src/domain/question-event.ts): appended, never updated. `doc` is the
-- event exactly as the JSONL adapter writes it; `at`, `type`, `user_id` and `invoice` are copies for the queries.
CREATE TABLE question_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  type text NOT NULL,
  user_id text,
  invoice text,
  doc jsonb NOT NULL
);
CREATE INDEX question_events_at ON question_events (at, id);
-- "Did this solve it?" is answered once per person and invoice, whichever replica takes the click.
CREATE UNIQUE INDEX question_events_one_answer ON question_events (user_id, invoice) WHERE type = 'feedback';

-- The people greeted in the bot's Messages tab (once each).
CREATE TABLE greeted_users (
  user_id text PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now()
);
