-- Invoice Desk, schema version 2: record counts per source, kept by each import in its own transaction, so
-- `counts()` (health, stats) reads one small row instead of scanning a million invoices.
CREATE TABLE invoice_counts (
  source text PRIMARY KEY CHECK (source IN ('ledger', 'tax')),
  records bigint NOT NULL
);
INSERT INTO invoice_counts (source, records)
SELECT 'ledger', count(ledger) FROM invoices
UNION ALL
SELECT 'tax', count(tax) FROM invoices;
