// The body of an import worker thread (see check-file-in-worker.ts): for each job it is sent, reads one file, checks
// every row with the same RowValidator the bot's thread uses, and reports the outcome. Only when every row is valid,
// and the records were asked for, does it send them (a streamed job: as they are checked, until a row is invalid): as JSON in batches of encoded bytes whose buffers are
// transferred, not copied, so the bot's thread never receives millions of small objects to clone, only a few hundred
// buffers to parse as it stores them. Jobs come one at a time.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { invoiceKey } from '../domain/identifier.js';
import type { LedgerRecord, TaxRecord } from '../domain/invoice.js';
import { checkOutcome, type ImportedRecord, RowValidator } from '../domain/row-validator.js';
import { UnreadableFileError } from '../lib/unreadable-file-error.js';
import type { WorkerJob, WorkerMessage } from './import-worker-messages.js';
import { mostRows, readRowBatches } from './read-rows.js';

/** Records per batch sent to the bot's thread: ~300 kB of JSON, a few milliseconds to parse there. */
const BATCH = 1000;

// Checking a file is background work: on a busy machine the bot's own thread, which answers people, goes first. On
// Linux a nice value is a thread's own, so this lowers this worker thread alone (where it cannot, it does nothing).
try {
  setPriority(10);
} catch {
  // Not allowed here: the worker runs at the bot's priority.
}

const port = parentPort;
const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port?.postMessage(message, transfer);
const encoder = new TextEncoder();

/**
 * A streamed job's batch as RecordLines holds it (each record's JSON on a line of UTF-8, its key and issue day beside
 * it), each text written as UTF-8 into one buffer kept from batch to batch: joining a thousand texts into one string
 * and encoding that was a third of this thread's time, and garbage of twice the batch's size.
 */
class LinesBatch {
  private scratch = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;
  private keys: string[] = [];
  private days: string[] = [];

  get length(): number {
    return this.keys.length;
  }

  add(record: LedgerRecord | TaxRecord): void {
    const json = JSON.stringify(record);
    // At most three bytes of UTF-8 per UTF-16 unit, and the line break.
    const most = 3 * json.length + 1;
    if (this.used + most > this.scratch.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(2 * this.scratch.length, this.used + most));
      this.scratch.copy(next, 0, 0, this.used);
      this.scratch = next;
    }
    this.used += this.scratch.write(json, this.used);
    this.scratch[this.used++] = 10;
    this.keys.push(invoiceKey(record.ids[0] as NonNullable<(typeof record.ids)[number]>));
    this.days.push(record.issuedAt.slice(0, 10));
  }

  // The batch as a message, its bytes copied into a buffer of their own that moves to the bot's thread; the scratch
  // buffer stays here for the next batch.
  take(): { message: Extract<WorkerMessage, { kind: 'lines' }>; transfer: ArrayBuffer } {
    const bytes = new Uint8Array(this.used);
    bytes.set(this.scratch.subarray(0, this.used));
    const message = { kind: 'lines' as const, bytes, keys: this.keys.join('\n'), days: this.days.join('\n') };
    this.used = 0;
    this.keys = [];
    this.days = [];
    return { message, transfer: bytes.buffer };
  }
}

async function run(job: WorkerJob): Promise<void> {
  const validator = new RowValidator(job.check);
  const batches: Uint8Array[] = [];
  let parts: string[] = [];
  const lines = new LinesBatch();
  const keep = (record: ImportedRecord) => {
    if (job.stream) lines.add(record as LedgerRecord | TaxRecord);
    else parts.push(JSON.stringify(record));
    if (parts.length === BATCH || lines.length === BATCH) flush();
  };
  const flush = () => {
    if (job.stream) {
      // A streamed job's batch leaves at once (its buffer moves to the other thread): the bot's thread stores it
      // while this one checks the rest, and discards it if a later row turns out invalid.
      if (lines.length === 0) return;
      const { message, transfer } = lines.take();
      send(message, [transfer]);
      return;
    }
    if (parts.length > 0) batches.push(encoder.encode(`[${parts.join(',')}]`));
    parts = [];
  };
  if (job.stream) {
    // A file that cannot be counted is refused by the read below, with its reason.
    const most = await mostRows(job.file).catch(() => undefined);
    if (most !== undefined) send({ kind: 'size', records: most });
  }
  try {
    read: for await (const rows of readRowBatches(job.file)) {
      for (const raw of rows) {
        const record = validator.add(raw);
        if (validator.stopped) break read;
        // Once any row is invalid nothing will be stored: stop keeping records.
        if (!job.keepRecords || validator.problemCount > 0) continue;
        if (record) keep(record);
      }
    }
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    send({ kind: 'unreadable', reason: error.reason, ...(error.row ? { row: error.row } : {}) });
    return;
  }
  const error = checkOutcome(validator);
  if (job.stream && !error) flush();
  send({ kind: 'checked', records: Math.max(0, validator.rows - 1), ...(error ? { error } : {}) });
  if (error || !job.keepRecords || job.stream) return;
  flush();
  // Each batch's buffer moves to the other thread; nothing stays here.
  for (const bytes of batches.splice(0)) send({ kind: 'batch', bytes }, [bytes.buffer as ArrayBuffer]);
  send({ kind: 'end' });
}

// A job that fails in an unexpected way (a bug, a disk error) ends the worker with that error, which the bot's thread
// reports: a worker is started again for the next job.
port?.on('message', (job: WorkerJob) => {
  run(job).catch((error: unknown) => {
    setImmediate(() => {
      throw error;
    });
  });
});
