-- Invoice Desk, schema version 10: `find` by a company's name reads a narrow table instead of the invoices.
--
-- A company's invoices are spread over the whole `invoices` table (one heap page each: 2,000 pages for a company at a
-- million invoices, in a 2.3 GB table that does not fit in shared buffers), and the names index could only say
-- which pages to read. `invoice_name_refs` holds one row per (name, invoice) — each distinct seller and buyer name
-- of either side — with the invoice's issue time, under one index ordered as `find` asks: a company's invoices of a
-- week, or all of them newest first with their count, are one short range of that index (an index-only scan).
-- Names get a small integer id so the rows stay narrow.
ALTER TABLE invoice_names ADD COLUMN id serial;
CREATE UNIQUE INDEX invoice_names_id ON invoice_names (id);

CREATE TABLE invoice_name_refs (
  name_id integer NOT NULL,
  -- A copy of `invoices.issued_at` (kept equal by every import), and the invoice's key.
  issued_at text COLLATE "C" NOT NULL,
  pk text NOT NULL,
  PRIMARY KEY (name_id, issued_at, pk)
);

INSERT INTO invoice_name_refs (name_id, issued_at, pk)
SELECT DISTINCT nm.id, v.issued_at, v.pk FROM invoices v, unnest(v.names) AS x (name)
JOIN invoice_names nm ON nm.name = x.name;

-- No query reads the names array through its GIN index any more; every import paid for its upkeep.
DROP INDEX IF EXISTS invoices_names;
