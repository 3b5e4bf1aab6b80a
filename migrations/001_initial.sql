-- Invoice Desk, schema version 1: every store's tables.
--
-- The migration runner (src/store/postgres/migrate.ts) runs this file in one transaction with the bot's own schema
-- first on the search_path, so nothing here names a schema. pg_trgm is created once per database in `public`, where
-- every bot schema finds it.
--
-- Conventions for the state tables: `doc` holds the domain object exactly as the lowdb adapter stores it (the source
-- of truth); the other columns are copies of the fields that queries filter on, kept in step by the adapter.
-- Where a row is updated after it is written, `version` goes up by one on every update and an update names the
-- version it read (compare-and-set), so two replicas never write over each other's change.

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- Invoices ------------------------------------------------------------------------------------------------------

-- One row per invoice under its primary key (the 数电 number, else the legacy code + number: `invoiceKey`), with
-- each source's record as a document. Imports alone write here, one at a time (an advisory lock), so no version.
CREATE TABLE invoices (
  pk text PRIMARY KEY,
  ledger jsonb,
  tax jsonb,
  -- The issue time results sort by: the ledger's, else the tax side's, as written in the record (ISO 8601).
  issued_at text COLLATE "C" NOT NULL,
  -- Its day, `issued_at`'s first ten characters: the day `find` filters on.
  issue_day date NOT NULL,
  -- Both sides' totals in fen, names, and seller/buyer tax ids: `find` matches an invoice when either side does.
  totals bigint[] NOT NULL,
  names text[] NOT NULL,
  tax_ids text[] NOT NULL,
  -- The ledger's requester (an employee finds only their own invoices).
  requester text,
  -- For a red-letter tax record: the key of the blue invoice it reverses.
  red_of text,
  CHECK (ledger IS NOT NULL OR tax IS NOT NULL)
);
CREATE INDEX invoices_newest_first ON invoices (issued_at DESC, pk DESC);
CREATE INDEX invoices_issue_day ON invoices (issue_day);
CREATE INDEX invoices_totals ON invoices USING gin (totals);
CREATE INDEX invoices_names ON invoices USING gin (names);
CREATE INDEX invoices_tax_ids ON invoices USING gin (tax_ids);
CREATE INDEX invoices_requester ON invoices (requester) WHERE requester IS NOT NULL;
CREATE INDEX invoices_red_of ON invoices (red_of) WHERE red_of IS NOT NULL;
CREATE INDEX invoices_missing_from_tax ON invoices (pk) WHERE tax IS NULL;

-- Every id of every invoice, its primary key included (exact lookups and aliases: a legacy code + number of a
-- paper 数电 invoice finds it too), and the 8-digit number the id ends in.
CREATE TABLE invoice_ids (
  id_key text PRIMARY KEY,
  pk text NOT NULL REFERENCES invoices (pk),
  number8 char(8) NOT NULL
);
CREATE INDEX invoice_ids_pk ON invoice_ids (pk);
CREATE INDEX invoice_ids_number8 ON invoice_ids (number8);

-- Every distinct seller and buyer name. A name fragment is matched here (trigram index), then the invoices carrying
-- the matching names are found through `invoices.names`: there are far fewer names than invoices.
CREATE TABLE invoice_names (
  name text PRIMARY KEY
);
CREATE INDEX invoice_names_trigrams ON invoice_names USING gin (name public.gin_trgm_ops);

-- What each import covered: tax imports are the coverage the diagnosis relies on (a re-import of the same file
-- updates its row); the newest ledger row is "the last ledger import".
CREATE TABLE import_coverage (
  seq bigserial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('ledger', 'tax')),
  from_day text NOT NULL,
  to_day text NOT NULL,
  imported_at text NOT NULL,
  file text NOT NULL,
  rows integer NOT NULL
);
CREATE INDEX import_coverage_source ON import_coverage (source, seq);

-- Escalations ---------------------------------------------------------------------------------------------------

CREATE TABLE escalations (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  invoice_key text NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- At most one open escalation per invoice (`isOpen`): two replicas filing the same invoice at once make one row;
-- the other request finds it and becomes a follower.
CREATE UNIQUE INDEX escalations_one_open_per_invoice ON escalations (invoice_key)
  WHERE status IN ('open', 'claimed', 'waiting');
CREATE INDEX escalations_status ON escalations (status, created_at);

-- Notices -------------------------------------------------------------------------------------------------------

CREATE TABLE notices (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  status text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notices_live ON notices (starts_at) WHERE status IN ('scheduled', 'in_progress');

-- Troubleshooting walk-throughs ---------------------------------------------------------------------------------

CREATE TABLE checklist_sessions (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  user_id text NOT NULL,
  invoice_key text NOT NULL,
  status text NOT NULL,
  awaiting text,
  updated_at timestamptz NOT NULL
);
CREATE INDEX checklist_sessions_active ON checklist_sessions (user_id, invoice_key) WHERE status = 'active';
CREATE INDEX checklist_sessions_updated_at ON checklist_sessions (updated_at);

-- Watches ("tell me when it appears") ---------------------------------------------------------------------------

CREATE TABLE watches (
  user_id text NOT NULL,
  invoice_key text NOT NULL,
  doc jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, invoice_key)
);
CREATE INDEX watches_invoice_key ON watches (invoice_key);
CREATE INDEX watches_created_at ON watches (created_at);

-- Per-user preferences ------------------------------------------------------------------------------------------

CREATE TABLE preferences (
  user_id text PRIMARY KEY,
  language text,
  doc jsonb NOT NULL DEFAULT '{}',
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Scheduled jobs ------------------------------------------------------------------------------------------------

-- When each job last ran (`digest` → `2026-11-27`). A replica claims a run by moving `value` on in one statement
-- (`… WHERE value IS DISTINCT FROM $2`), so a job fires once across replicas.
CREATE TABLE schedules (
  job text PRIMARY KEY,
  value text NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  claimed_at timestamptz NOT NULL DEFAULT now()
);

-- Retry and double-click bookkeeping ----------------------------------------------------------------------------

-- Keys already handled (Slack event ids, interaction keys): the first INSERT wins, across replicas.
CREATE TABLE dedupe_keys (
  key text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX dedupe_keys_expires_at ON dedupe_keys (expires_at);

-- Audit log (append-only: never amounts, tax ids or tokens) ------------------------------------------------------

CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id text NOT NULL,
  action text NOT NULL,
  invoice text,
  notice text,
  detail text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_invoice ON audit_log (invoice) WHERE invoice IS NOT NULL;

-- Conversation memory -------------------------------------------------------------------------------------------

-- Per-user memory that changes an answer (the last language, the last looked-up invoice, a pending "which
-- invoice?"), so consecutive requests may land on different replicas. Expired rows are ignored, then swept.
CREATE TABLE conversation_memory (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  expires_at timestamptz
);
CREATE INDEX conversation_memory_expires_at ON conversation_memory (expires_at) WHERE expires_at IS NOT NULL;
