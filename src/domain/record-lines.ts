import { invoiceKey } from './identifier.js';
import type { LedgerRecord, TaxRecord } from './invoice.js';

type AnyRecord = LedgerRecord | TaxRecord;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A batch of validated records of one source as an import worker hands them over: each record's JSON on a line of
 * UTF-8 (what a shard file stores), with the record's storage key and issue day beside it. A store can merge and
 * file a new record by its key and day and copy its bytes, without parsing it into an object and writing it again.
 * @example const b = RecordLines.of(records); b.keys[0] // 'D2611…'; b.records() // the records again
 */
export class RecordLines {
  private parsed: AnyRecord[] | undefined;

  /** `keys[i]` and `days[i]` belong to the i-th line of `bytes`; every line ends with `\n`. */
  constructor(
    readonly bytes: Uint8Array,
    readonly keys: readonly string[],
    readonly days: readonly string[],
  ) {}

  /** Records encoded as a batch (what {@link RecordLinesBuilder} makes). */
  static of(records: readonly AnyRecord[]): RecordLines {
    const builder = new RecordLinesBuilder();
    for (const r of records) builder.add(r);
    return builder.take();
  }

  /** How many records the batch holds. */
  get length(): number {
    return this.keys.length;
  }

  /** The records as objects, parsed on first use. */
  records(): AnyRecord[] {
    this.parsed ??= decoder
      .decode(this.bytes)
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as AnyRecord);
    return this.parsed;
  }
}

/** Collects records into {@link RecordLines}, one JSON text each. */
export class RecordLinesBuilder {
  private texts: string[] = [];
  private keys: string[] = [];
  private days: string[] = [];

  /** How many records were added since the last {@link take}. */
  get length(): number {
    return this.texts.length;
  }

  /** Adds one record; its key is its first id's. */
  add(record: AnyRecord): void {
    this.texts.push(JSON.stringify(record));
    this.keys.push(invoiceKey(record.ids[0] as NonNullable<AnyRecord['ids'][number]>));
    this.days.push(record.issuedAt.slice(0, 10));
  }

  /** The records added so far as one batch; the builder starts empty again. */
  take(): RecordLines {
    const texts = this.texts;
    const batch = new RecordLines(
      encoder.encode(texts.length > 0 ? `${texts.join('\n')}\n` : ''),
      this.keys,
      this.days,
    );
    this.texts = [];
    this.keys = [];
    this.days = [];
    return batch;
  }
}
