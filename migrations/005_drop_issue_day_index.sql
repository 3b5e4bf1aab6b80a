-- Invoice Desk, schema version 5: `find` filters issue days as a range of `issued_at` (whose index also gives the
-- newest-first order), so the separate index on `issue_day` only cost every import its upkeep.
DROP INDEX IF EXISTS invoices_issue_day;
