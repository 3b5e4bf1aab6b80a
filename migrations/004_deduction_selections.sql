-- Invoice Desk, schema version 4: deduction selections (抵扣类勾选) from the platform's deduction-selection export,
-- kept apart from the invoice records (src/store/postgres/pg-deduction-store.ts).

-- The last exported selection of each invoice, under its key (`invoiceKey`, always a 数电 number here); `doc` is the
-- DeductionEntry exactly as the file adapter stores it. An import replaces its rows in one transaction.
CREATE TABLE deduction_selections (
  invoice_key text PRIMARY KEY,
  doc jsonb NOT NULL,
  -- The period (`YYYY-MM`) the export was taken for, and when it was imported: copies of `doc`'s fields.
  period text NOT NULL,
  imported_at text NOT NULL
);

-- Every deduction-selection import; the newest row is "the last deduction export".
CREATE TABLE deduction_imports (
  seq bigserial PRIMARY KEY,
  imported_at text NOT NULL,
  file text NOT NULL,
  rows integer NOT NULL,
  period text NOT NULL
);
