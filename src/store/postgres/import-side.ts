import type pg from 'pg';
import { type InvoiceId, invoiceKey } from '../../domain/identifier.js';
import type { LedgerRecord, TaxRecord } from '../../domain/invoice.js';
import { mergeRecord } from '../../domain/merge-record.js';
import type { RecordLines } from '../../domain/record-lines.js';
import { KeyList } from '../../lib/key-list.js';
import type { ImportChanges } from '../../ports.js';
import { primaryKey } from '../invoice-index.js';
import { copyEscape, copyRows, copyText } from './copy-rows.js';
import { type Side, upsertSql } from './invoice-sql.js';
import { buildNextInvoices, createNext, indexNext, type RebuildPolicy, swapIn } from './rebuild-invoices.js';
import { withTransaction } from './with-transaction.js';

// One import at a time across every replica: each merges against what the previous one committed. The lock is the
// schema's own (advisory locks are database-wide): bots on other schemas of the same database import independently.
const IMPORT_LOCK = 'invoice-desk:import:';

type AnyRecord = LedgerRecord | TaxRecord;

/**
 * Which written invoices may lose a row of `invoice_name_refs` (a name it no longer carries, or its old issue time),
 * as SQL over the stored invoice `v` and the incoming record `n`. Any other write only adds names and keeps the issue
 * time, so its rows are kept and only the new ones inserted: a tax file adding the tax side to every ledger invoice
 * deletes none. The ledger side: a changed ledger record, or a first one whose issue time differs from the tax
 * side's (the ledger's time wins). The tax side: a changed tax record.
 */
const STALE: Record<Side, string> = {
  ledger: `v.pk IS NOT NULL AND (v.ledger IS NOT NULL OR v.issued_at <> n.doc->>'issuedAt')`,
  tax: 'v.tax IS NOT NULL',
};

const COLUMNS = ['ord', 'key', 'pk', 'red_of', 'keys', 'number8s', 'doc'] as const;

function number8(id: InvoiceId): string {
  return id.kind === 'legacy' ? id.number : id.number.slice(-8);
}

/**
 * Imports one source's validated records in one transaction, all-or-nothing, with the lowdb store's merge
 * (`mergeRecord`: unchanged records are not rewritten, a status change is added to the history) and its counts.
 * The records are sent once with COPY into a temporary table; the database says which exist and which differ, only
 * those that differ come back to be merged, and the rest is set-based SQL. `more` runs in the same transaction
 * (coverage bookkeeping), after the records are written. A list whose invoices are all distinct (a validated file)
 * takes {@link importSideBatches}'s path; one that names an invoice twice merges the later row against the earlier.
 */
export async function importSide<R extends LedgerRecord | TaxRecord>(
  pool: pg.Pool,
  side: Side,
  records: R[],
  now: Date,
  more: (client: pg.PoolClient) => Promise<void>,
  rebuild: RebuildPolicy,
): Promise<ImportChanges> {
  if (allDistinct(records)) return importSideBatches(pool, side, oneBatch(records), now, more, rebuild);
  return withTransaction(pool, async (client) => {
    await prepareImport(client);
    const changes: ImportChanges = { added: 0, changed: 0, unchanged: 0, touched: new KeyList() };
    if (records.length > 0) await writeRecords(client, side, records, now, changes, rebuild);
    await more(client);
    return changes;
  });
}

/**
 * Imports one source's records as they arrive in batches (`InvoiceStore.importBatches`): what {@link importSide} does,
 * with every record's invoice and ids distinct, as a validated file's are. Each batch is encoded into COPY's text
 * format as it is taken and streamed to the server, which parses it while the next is encoded; no record is kept on
 * this side. Which records are new, unchanged or changed is then sorted out in the database: only those whose stored
 * record differs come back to be merged. A file that breaks the distinctness promise fails the upsert (one invoice
 * written twice by one statement), and nothing is written.
 */
export function importSideBatches<R extends LedgerRecord | TaxRecord>(
  pool: pg.Pool,
  side: Side,
  batches: AsyncIterable<R[]>,
  now: Date,
  more: (client: pg.PoolClient) => Promise<void>,
  rebuild: RebuildPolicy,
): Promise<ImportChanges> {
  return importStaged(pool, side, (staged) => encodeBatches(batches, staged), now, more, rebuild);
}

/**
 * {@link importSideBatches} for batches as the import worker encodes them while it is still checking the file
 * (`InvoiceStore.importLines`): each record's JSON line becomes its document as it came. The transaction stays open
 * while the check goes on; when the iteration throws (the file was refused part-way), the COPY is abandoned, the
 * transaction rolled back, and the error passed on.
 */
export function importSideLines(
  pool: pg.Pool,
  side: Side,
  batches: AsyncIterable<RecordLines>,
  now: Date,
  more: (client: pg.PoolClient) => Promise<void>,
  rebuild: RebuildPolicy,
): Promise<ImportChanges> {
  return importStaged(pool, side, (staged) => encodeLines(batches, staged), now, more, rebuild);
}

/** Encodes the staged rows for COPY, adding each row's key to `staged` when one is given. */
type Encode = (staged: KeyList | undefined) => AsyncIterable<string | Uint8Array>;

async function importStaged(
  pool: pg.Pool,
  side: Side,
  encode: Encode,
  now: Date,
  more: (client: pg.PoolClient) => Promise<void>,
  rebuild: RebuildPolicy,
): Promise<ImportChanges> {
  return withTransaction(pool, async (client) => {
    await prepareImport(client);
    await createStaging(client);
    // A side's first import meets no stored record of that side, so nothing is sorted out: every staged row is
    // added, and the keys it touched are the staged ones in file order, kept here as they are sent rather than
    // aggregated, sorted and sent back by the server (1M rows: ~1.5-1.9 s of the backend's CPU).
    const staged = (await holdsSide(client, side)) ? undefined : new KeyList();
    await copyText(client, 'incoming', COLUMNS, encode(staged));
    const changes = staged
      ? { added: staged.size, changed: 0, unchanged: 0, touched: staged }
      : await sortOut(client, side, now);
    const writes = changes.added + changes.changed;
    if (writes > 0)
      await applyWrites(client, side, { pks: false, ids: false }, await rebuilds(client, rebuild, writes));
    await more(client);
    return changes;
  });
}

// One import at a time per schema (see IMPORT_LOCK), and the settings of an import's transaction.
async function prepareImport(client: pg.PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1 || current_schema()))', [IMPORT_LOCK]);
  // For this transaction only: its joins of a whole file against the invoices hash in memory rather than in
  // batches on disk, and no statement is compiled by JIT (each runs once, and at a million rows every one of them
  // is past the cost where PostgreSQL would spend time compiling it).
  await client.query("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off");
}

async function createStaging(client: pg.PoolClient): Promise<void> {
  await client.query(
    'CREATE TEMP TABLE incoming (ord integer, key text, pk text, red_of text, keys text[], number8s text[], doc jsonb) ON COMMIT DROP',
  );
  await client.query('CREATE TEMP TABLE stale_invoices (pk text) ON COMMIT DROP');
}

async function* oneBatch<R>(records: R[]): AsyncIterable<R[]> {
  yield records;
}

// True when no two records share an id (and so an invoice): the promise a validated file keeps.
function allDistinct(records: ReadonlyArray<LedgerRecord | TaxRecord>): boolean {
  const seen = new Set<string>();
  for (const r of records)
    for (const id of r.ids) {
      const key = invoiceKey(id);
      if (seen.has(key)) return false;
      seen.add(key);
    }
  return true;
}

// Each batch as one chunk of COPY text rows, in the columns of `incoming`.
async function* encodeBatches(
  batches: AsyncIterable<ReadonlyArray<LedgerRecord | TaxRecord>>,
  staged: KeyList | undefined,
): AsyncIterable<string> {
  let ord = 0;
  for await (const batch of batches) {
    let chunk = '';
    for (const r of batch) {
      staged?.push(invoiceKey(r.ids[0] as InvoiceId));
      chunk += stagedRow(ord++, r, JSON.stringify(r));
    }
    if (chunk) yield chunk;
  }
}

const decoder = new TextDecoder();
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const IDS = Buffer.from('"ids":[');
const RED_OF = Buffer.from('"redOf":{');

// The same for batches as the import worker encodes them: each record's JSON line is the document as it came. The
// line's UTF-8 bytes go into the COPY text as they are, after the row's other columns (plain ASCII): JSON text holds
// no tab, newline or carriage return, so only a backslash (a JSON escape, rare in these files) needs COPY's escaping,
// and such a line is parsed, escaped and encoded again. Decoding the batch into one string and encoding the whole
// COPY text back to UTF-8 cost the bot's thread about as much as parsing it; decoding and parsing each whole line for
// its ids cost most of what was left (see {@link lineIds}).
async function* encodeLines(
  batches: AsyncIterable<RecordLines>,
  staged: KeyList | undefined,
): AsyncIterable<Uint8Array> {
  let ord = 0;
  for await (const batch of batches) {
    const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    const parts: Uint8Array[] = [];
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      const line = bytes.subarray(start, end + 1);
      start = end + 1;
      const ids = line.includes(BACKSLASH) ? undefined : lineIds(line);
      if (ids) {
        staged?.push(invoiceKey(ids.ids[0] as InvoiceId));
        parts.push(Buffer.from(stagedColumns(ord++, ids), 'latin1'), line);
      } else {
        const json = decoder.decode(line.subarray(0, -1));
        const record = JSON.parse(json) as AnyRecord;
        staged?.push(invoiceKey(record.ids[0] as InvoiceId));
        parts.push(Buffer.from(stagedRow(ord++, record, json)));
      }
    }
    if (parts.length > 0) yield Buffer.concat(parts);
  }
}

/**
 * A record's ids, and the invoice a red letter reverses, read from its JSON line (with no backslash) without parsing
 * the other fields: only the `ids` array's and the `redOf` object's bytes are parsed (a line is ~0.5–1 kB, these
 * ~60 bytes; 1M lines parsed whole took ~4 s of the bot's thread). Sound because in a line with no backslash no
 * string holds a quote, so `"ids":[` and `"redOf":{` can only be keys; no nested object of a record has either key
 * (ids and `redOf` are InvoiceIds, history entries are `at`/`from`/`to`); and an InvoiceId holds no bracket or brace.
 * Undefined when the line has no `ids` key written that way (not JSON.stringify's): it is then parsed whole.
 */
function lineIds(line: Buffer): StagedIds | undefined {
  const at = line.indexOf(IDS);
  if (at < 0) return undefined;
  const from = at + IDS.length - 1;
  const ids = JSON.parse(line.toString('utf8', from, line.indexOf(CLOSE_BRACKET, from) + 1)) as InvoiceId[];
  const red = line.indexOf(RED_OF);
  if (red < 0) return { ids };
  const redFrom = red + RED_OF.length - 1;
  const redOf = JSON.parse(line.toString('utf8', redFrom, line.indexOf(CLOSE_BRACE, redFrom) + 1)) as InvoiceId;
  return { ids, redOf };
}

/** What a staged row's columns before its document are derived from. */
type StagedIds = { ids: readonly InvoiceId[]; redOf?: InvoiceId | undefined };

// One row of `incoming` in COPY's text format, from a record and its JSON.
function stagedRow(ord: number, r: AnyRecord, json: string): string {
  return `${stagedColumns(ord, { ids: r.ids, redOf: r.source === 'tax' ? r.redOf : undefined })}${copyEscape(json)}\n`;
}

// The columns of a staged row before its document, each followed by a tab: every id's key derived once, and no array
// of values per row. Only ASCII: keys, digits, braces, commas and `\N`.
function stagedColumns(ord: number, { ids, redOf }: StagedIds): string {
  let first: string | undefined;
  let pk: string | undefined;
  let keys = '';
  let number8s = '';
  for (const id of ids) {
    const key = invoiceKey(id);
    first ??= key;
    // `primaryKey`: the first 数电 number, else the first id.
    if (pk === undefined && id.kind === 'digital') pk = key;
    keys += keys ? `,${key}` : key;
    number8s += `${number8s ? ',' : ''}${number8(id)}`;
  }
  return `${ord}\t${first}\t${pk ?? first}\t${redOf ? invoiceKey(redOf) : '\\N'}\t{${keys}}\t{${number8s}}\t`;
}

// Whether this side holds any record yet (the first import of a side meets none, and need not look for them): the
// count every import keeps in its own transaction, under the import lock; invoices are never deleted.
async function holdsSide(client: pg.PoolClient, side: Side): Promise<boolean> {
  const { rows } = await client.query<{ records: string }>('SELECT records FROM invoice_counts WHERE source = $1', [
    side,
  ]);
  return Number(rows[0]?.records ?? 0) > 0;
}

/**
 * The staged rows that meet a stored record of this side, in one pass over them: those equal to it apart from the
 * history are deleted from the staging table (unchanged); the others come back to be merged with `mergeRecord`, and
 * the merged record replaces the staged one (or, when the merge finds them equal after all, the row is deleted).
 */
async function mergeStored(
  client: pg.PoolClient,
  side: Side,
  now: Date,
): Promise<{ unchanged: number; rewrite: Array<{ ord: number; record: AnyRecord }> }> {
  const { rows } = await client.query<{ same: number; ord: number | null; stored: AnyRecord; incoming: AnyRecord }>(
    `WITH s AS MATERIALIZED (
       SELECT n.ord, v.${side} AS stored, n.doc AS incoming, (v.${side} - 'history') = (n.doc - 'history') AS same
       FROM incoming n JOIN invoice_ids i ON i.id_key = n.key JOIN invoices v ON v.pk = i.pk
       WHERE v.${side} IS NOT NULL),
     gone AS (DELETE FROM incoming n USING s WHERE s.same AND n.ord = s.ord)
     SELECT c.same, d.ord, d.stored, d.incoming
     FROM (SELECT count(*) FILTER (WHERE same)::integer AS same FROM s) AS c
       LEFT JOIN (SELECT ord, stored, incoming FROM s WHERE NOT same) AS d ON true`,
  );
  const rewrite: Array<{ ord: number; record: AnyRecord }> = [];
  const kept: number[] = [];
  for (const { ord, stored, incoming } of rows) {
    if (ord === null) continue;
    const { record, change } = mergeRecord(stored, incoming, now);
    if (change === 'unchanged') kept.push(ord);
    else rewrite.push({ ord, record });
  }
  if (kept.length > 0) await client.query('DELETE FROM incoming WHERE ord = ANY($1::integer[])', [kept]);
  await rewriteStaged(client, rewrite);
  return { unchanged: (rows[0]?.same ?? 0) + kept.length, rewrite };
}

/**
 * After the staged rows are in, on a side that holds records already: which are new to this side, unchanged (equal to the stored record apart from its
 * history: deleted from the staging table, never rewritten) or changed (merged here with `mergeRecord`, the merged
 * record written back to the staging table). What stays staged is what the import writes.
 */
async function sortOut(client: pg.PoolClient, side: Side, now: Date): Promise<ImportChanges> {
  const { unchanged, rewrite } = await mergeStored(client, side, now);
  const { rows: left } = await client.query<{ n: number; keys: string | null }>(
    `SELECT count(*)::integer AS n, string_agg(key, ',' ORDER BY ord) AS keys FROM incoming`,
  );
  const staged = left[0]?.n ?? 0;
  const touched = KeyList.split(left[0]?.keys ?? '', ',');
  return { added: staged - rewrite.length, changed: rewrite.length, unchanged, touched };
}

// The merged records of changed invoices replace the incoming ones in the staging table.
async function rewriteStaged(
  client: pg.PoolClient,
  rewrite: ReadonlyArray<{ ord: number; record: LedgerRecord | TaxRecord }>,
): Promise<void> {
  if (rewrite.length === 0) return;
  await client.query(
    'UPDATE incoming n SET doc = r.doc::jsonb FROM unnest($1::integer[], $2::text[]) AS r(ord, doc) WHERE n.ord = r.ord',
    [rewrite.map((r) => r.ord), rewrite.map((r) => JSON.stringify(r.record))],
  );
}

async function writeRecords<R extends LedgerRecord | TaxRecord>(
  client: pg.PoolClient,
  side: Side,
  records: R[],
  now: Date,
  changes: ImportChanges,
  rebuild: RebuildPolicy,
): Promise<void> {
  const keys = records.map((r) => invoiceKey(r.ids[0] as InvoiceId));
  await createStaging(client);
  await copyRows(
    client,
    'incoming',
    COLUMNS,
    records.map((r, i) => [
      i,
      keys[i],
      primaryKey(r),
      r.source === 'tax' && r.redOf ? invoiceKey(r.redOf) : null,
      r.ids.map(invoiceKey),
      r.ids.map(number8),
      JSON.stringify(r),
    ]),
  );
  // A key twice in one file: its second row merges against the first, so both need the stored record.
  const counted = new Map<string, number>();
  for (const key of keys) counted.set(key, (counted.get(key) ?? 0) + 1);
  const repeated = [...counted].filter(([, n]) => n > 1).map(([key]) => key);
  // Stored records of this side for the incoming keys (through any alias): NULL when equal apart from the history
  // (unchanged, and not worth sending back), the stored document otherwise.
  const { rows } = await client.query<{ ord: number; stored: R | null }>(
    `SELECT n.ord, CASE WHEN (v.${side} - 'history') IS DISTINCT FROM (n.doc - 'history') OR n.key = ANY($1)
       THEN v.${side} END AS stored
     FROM incoming n JOIN invoice_ids i ON i.id_key = n.key JOIN invoices v ON v.pk = i.pk
     WHERE v.${side} IS NOT NULL`,
    [repeated],
  );
  const stored = new Map(rows.map((row) => [row.ord, row.stored]));
  const seen = new Map<string, R>();
  const write: number[] = [];
  const rewrite: Array<{ ord: number; record: AnyRecord }> = [];
  for (const [ord, incoming] of records.entries()) {
    const key = keys[ord] as string;
    const before = seen.get(key) ?? stored.get(ord);
    if (before === null) {
      changes.unchanged += 1;
      continue;
    }
    const { record, change } = mergeRecord(before, incoming, now);
    changes[change] += 1;
    if (change === 'unchanged') continue;
    changes.touched.push(key);
    seen.set(key, record);
    write.push(ord);
    if (record !== incoming) rewrite.push({ ord, record });
  }
  // The usual file lists each invoice once: then the set-based steps need not sort out repeats.
  const pks = new Set(write.map((ord) => primaryKey(records[ord] as R)));
  const ids = new Set(write.flatMap((ord) => (records[ord] as R).ids.map(invoiceKey)));
  const idCount = write.reduce((n, ord) => n + (records[ord] as R).ids.length, 0);
  if (write.length === 0) return;
  if (write.length < records.length)
    await client.query('DELETE FROM incoming WHERE ord <> ALL($1::integer[])', [write]);
  await rewriteStaged(client, rewrite);
  const repeats = { pks: pks.size < write.length, ids: ids.size < idCount };
  await applyWrites(client, side, repeats, await rebuilds(client, rebuild, pks.size));
}

// Whether an import writing this many invoices rebuilds the table: the side holding more records is a lower bound
// of how many invoices there are.
async function rebuilds(client: pg.PoolClient, policy: RebuildPolicy, writes: number): Promise<boolean> {
  const { rows } = await client.query<{ stored: string }>(
    'SELECT coalesce(max(records), 0) AS stored FROM invoice_counts',
  );
  return policy(writes, Number(rows[0]?.stored ?? 0));
}

/**
 * Writes the staged rows of `incoming` (merged, one per invoice unless `repeats` says otherwise) as that side of their
 * invoices: names, name rows, the invoices, their ids and the counts. With `rebuild`, the invoices are written into
 * a fresh table that replaces `invoices` as the last step (see {@link buildNextInvoices}).
 */
async function applyWrites(
  client: pg.PoolClient,
  side: Side,
  repeats: { pks: boolean; ids: boolean },
  rebuild: boolean,
): Promise<void> {
  // One invoice written twice by one file: the later row is the one kept, as in the lowdb store.
  if (repeats.pks) await client.query('DELETE FROM incoming a USING incoming b WHERE a.pk = b.pk AND a.ord < b.ord');
  const fresh = rebuild ? await startsFromNone(client) : { ids: false, refs: false };
  // Every name first: the name rows below refer to them by id.
  await client.query(
    `INSERT INTO invoice_names (name)
     SELECT DISTINCT x FROM incoming n, unnest(ARRAY[n.doc->>'sellerName', n.doc->>'buyerName']) AS x
     WHERE x IS NOT NULL ON CONFLICT DO NOTHING`,
  );
  // Before the write, while the invoices still hold it, in one pass over the incoming rows and their invoices: how
  // many are new to this side; the name rows of invoices that may lose one (see `STALE`) deleted, their keys kept
  // to be written again after the upsert; for every other invoice only the names it does not carry yet, inserted
  // with the issue time it will have (its own when new, else the stored one, which this write keeps).
  // The name rows new to the table are inserted without `ON CONFLICT` (see the ids below): the names an invoice gains
  // have no rows yet. The name rows and ids are inserted in their index's order: each leaf page of the index is then
  // filled in one go (at the right end of an empty index) instead of being revisited for every row (200k name rows:
  // 1.3-1.4 s -> 1.05 s, sort included, measured on their own). A rebuild that starts from no name rows at all
  // writes them all from the rebuilt invoices instead (below), and only counts here.
  // A first tax import rebuilding the invoices writes its name rows from the rebuilt rows instead (see
  // `FIRST_TAX_NAME_ROWS`): this pass would read every stored invoice once more.
  const firstTax = rebuild && side === 'tax' && !fresh.refs && !(await holdsSide(client, 'tax'));
  const { rows } = firstTax
    ? await buildNextInvoices(client, side, FIRST_TAX_NAME_ROWS)
    : await client.query<{ fresh: string }>(
        `WITH j AS (SELECT n.pk, v.${side} IS NULL AS fresh, coalesce(${STALE[side]}, false) AS stale, v.names,
                       coalesce(v.issued_at, n.doc->>'issuedAt') AS at,
                       n.doc->>'sellerName' AS seller, nullif(n.doc->>'buyerName', n.doc->>'sellerName') AS buyer
                FROM incoming n LEFT JOIN invoices v ON v.pk = n.pk)${fresh.refs ? '' : NAME_ROW_WRITES}
     SELECT count(*) FILTER (WHERE fresh) AS fresh FROM j`,
      );
  // (A first tax import's rebuild was written above.)
  if (!rebuild) await client.query(upsertSql(side));
  else if (!firstTax) await buildNextInvoices(client, side);
  if (fresh.refs) await writeNameRowsAfresh(client);
  else
    await client.query(
      `INSERT INTO invoice_name_refs (name_id, issued_at, pk)
       SELECT DISTINCT nm.id, v.issued_at, v.pk FROM stale_invoices s JOIN ${rebuild ? 'invoices_next' : 'invoices'} v ON v.pk = s.pk,
         unnest(v.names) AS x (name) JOIN invoice_names nm ON nm.name = x.name
       ORDER BY 1, 2, 3
       ON CONFLICT DO NOTHING`,
    );
  // Every id: a new one inserted, an alias now naming another invoice moved (an invoice's own key never is), the
  // rest left alone. Two statements' worth instead of `ON CONFLICT … DO UPDATE`, which inserts each new row
  // speculatively (two WAL records) and locks each existing one it then leaves alone (a WAL record and a dirty page):
  // only this import writes the table (the import lock), so what the snapshot shows is what there is. Into a table
  // that holds no id yet, every id is new: they go into a fresh table, indexed once after.
  const staged = `SELECT ${repeats.ids ? 'DISTINCT ON (u.k)' : ''} u.k, n.pk, u.n8
                  FROM incoming n, unnest(n.keys, n.number8s) AS u(k, n8) ${repeats.ids ? 'ORDER BY u.k, n.ord DESC' : ''}`;
  if (fresh.ids) {
    await createNext(client, 'invoice_ids');
    await client.query(`INSERT INTO invoice_ids_next (id_key, pk, number8) ${staged}`);
    await indexNext(client, 'invoice_ids');
  } else
    await client.query(
      `WITH s AS (${staged}),
       moved AS (UPDATE invoice_ids i SET pk = s.pk, number8 = s.n8 FROM s
                 WHERE i.id_key = s.k AND s.k <> s.pk AND (i.pk, i.number8) IS DISTINCT FROM (s.pk, s.n8))
       INSERT INTO invoice_ids (id_key, pk, number8)
       SELECT s.k, s.pk, s.n8 FROM s WHERE NOT EXISTS (SELECT FROM invoice_ids i WHERE i.id_key = s.k) ORDER BY s.k`,
    );
  await client.query('UPDATE invoice_counts SET records = records + $2 WHERE source = $1', [
    side,
    Number(rows[0]?.fresh ?? 0),
  ]);
  // Last: from here until the commit, readers of the invoices wait.
  if (rebuild)
    await swapIn(client, [
      'invoices',
      ...(fresh.ids ? (['invoice_ids'] as const) : []),
      ...(fresh.refs ? (['invoice_name_refs'] as const) : []),
    ]);
}

/**
 * The name rows of a side's first tax import that rebuilds the invoices, written from what the rebuild's insert
 * returns: no invoice has a tax side yet, so every invoice the insert writes with one is a staged row (all of them new
 * to the tax side), none may lose a name row, and the names it carried before are its ledger's. Each gets the tax
 * names it did not carry, at its issue time (the ledger's when it has one, which the rebuilt row keeps). The same rows
 * as `NAME_ROW_WRITES` writes, without a pass over the stored invoices before the rebuild's own (950k rows: ~4.7 s of
 * the backend's CPU at a million invoices). The statement's one row counts the invoices new to the tax side.
 */
function FIRST_TAX_NAME_ROWS(insert: string): string {
  return `WITH ins AS (${insert}
       RETURNING pk, issued_at, tax IS NOT NULL AS staged, tax->>'sellerName' AS seller,
         nullif(tax->>'buyerName', tax->>'sellerName') AS buyer,
         array_remove(ARRAY[ledger->>'sellerName', ledger->>'buyerName'], NULL) AS carried),
     added AS (INSERT INTO invoice_name_refs (name_id, issued_at, pk)
               SELECT nm.id, ins.issued_at, ins.pk FROM ins, unnest(ARRAY[ins.seller, ins.buyer]) AS x (name)
                 JOIN invoice_names nm ON nm.name = x.name
               WHERE x.name <> ALL (ins.carried)
                 AND NOT EXISTS (SELECT FROM invoice_name_refs r WHERE r.name_id = nm.id AND r.issued_at = ins.issued_at
                                   AND r.pk = ins.pk)
               ORDER BY nm.id, ins.issued_at COLLATE "C", ins.pk)
     SELECT count(*) FILTER (WHERE staged) AS fresh FROM ins`;
}

// The name-row writes of an import into a table that already holds name rows (see `applyWrites`), as CTEs after `j`.
const NAME_ROW_WRITES = `,
     gone AS (DELETE FROM invoice_name_refs r USING j, invoice_names nm
              WHERE j.stale AND nm.name = ANY (j.names) AND r.name_id = nm.id AND r.issued_at = j.at AND r.pk = j.pk),
     later AS (INSERT INTO stale_invoices (pk) SELECT pk FROM j WHERE stale),
     added AS (INSERT INTO invoice_name_refs (name_id, issued_at, pk)
               SELECT nm.id, j.at, j.pk FROM j, unnest(ARRAY[j.seller, j.buyer]) AS x (name)
                 JOIN invoice_names nm ON nm.name = x.name
               WHERE NOT j.stale AND x.name <> ALL (coalesce(j.names, '{}'))
                 AND NOT EXISTS (SELECT FROM invoice_name_refs r WHERE r.name_id = nm.id AND r.issued_at = j.at
                                   AND r.pk = j.pk)
               ORDER BY nm.id, j.at COLLATE "C", j.pk)`;

/**
 * Which of the invoices' side tables a rebuilding import finds empty (the first import into a new database): those
 * are written afresh and swapped in at the end like the invoices, every row going in without index upkeep and each
 * index built once after (a first import's name rows: ~1.0 s of the backend's CPU per 100k invoices in place against
 * ~0.7 s written afresh and indexed). A table that holds rows is written in place: rewriting it whole would copy
 * every row the import leaves alone. Only imports write these tables, under the import lock, so an empty one stays
 * empty until this import commits.
 */
async function startsFromNone(client: pg.PoolClient): Promise<{ ids: boolean; refs: boolean }> {
  const { rows } = await client.query<{ ids: boolean; refs: boolean }>(
    'SELECT NOT EXISTS (SELECT FROM invoice_ids) AS ids, NOT EXISTS (SELECT FROM invoice_name_refs) AS refs',
  );
  return rows[0] ?? { ids: false, refs: false };
}

// Every name row, from the rebuilt invoices: one per distinct name an invoice carries (either side's seller or buyer),
// with its issue time, as migration 010 first wrote them.
async function writeNameRowsAfresh(client: pg.PoolClient): Promise<void> {
  await createNext(client, 'invoice_name_refs');
  await client.query(
    `INSERT INTO invoice_name_refs_next (name_id, issued_at, pk)
     SELECT nm.id, v.issued_at, v.pk FROM invoices_next v, unnest(v.names) WITH ORDINALITY AS x (name, i)
       JOIN invoice_names nm ON nm.name = x.name
     WHERE x.i = array_position(v.names, x.name)`,
  );
  await indexNext(client, 'invoice_name_refs');
}
