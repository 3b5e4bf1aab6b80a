-- Invoice Desk, schema version 7: `invoice_ids` loses its foreign key to `invoices` and its index on `pk`.
--
-- Only an import writes either table, both in one transaction under the import lock, and invoices are never deleted:
-- the key could not catch anything, yet it checked every id an import wrote against `invoices` one row at a time.
-- No query looks ids up by `pk` (lookups go from an id to its invoice), so that index only cost imports its upkeep.
-- Together they were 40-50 % of the database's CPU time for writing `invoice_ids` (200k ids: 4.1 s -> 2.6 s without
-- the key -> 2.0 s without the index as well, measured as the backend's CPU time).
ALTER TABLE invoice_ids DROP CONSTRAINT IF EXISTS invoice_ids_pk_fkey;
DROP INDEX IF EXISTS invoice_ids_pk;
