import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RecordLines } from '../domain/record-lines.js';
import type { ImportError, ImportedRecord, RowCheck } from '../domain/row-validator.js';
import { RowsRefused } from '../domain/rows-refused.js';
import { err, ok, type Result } from '../lib/result.js';
import type { CheckedRows, CheckRows } from '../ports.js';
import type { WorkerJob, WorkerMessage } from './import-worker-messages.js';

// The worker's module beside this one, .ts when the bot runs through tsx (the boot module then registers tsx).
const BOOT = new URL('./import-worker-boot.mjs', import.meta.url);
const decoder = new TextDecoder();
const ENTRY = new URL(`./import-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;

type LinesMessage = Extract<WorkerMessage, { kind: 'lines' }>;

/**
 * The most memory an import worker's heap may take. Its records leave as buffers outside the heap, so what it holds
 * is a few thousand rows at a time and the set of ids seen (for duplicates): a few hundred MiB at the 2 million rows
 * a file may have. A worker that needs more stops with {@link ImportWorkerError} instead of taking the bot's memory.
 */
export const WORKER_HEAP_MIB = 1536;

/** An import worker thread that stopped without finishing its file: nothing was imported, and this says why. */
export class ImportWorkerError extends Error {
  constructor(file: string, reason: string) {
    super(`The import worker for ${file} stopped before it finished: ${reason}. Nothing from the file was imported.`);
    this.name = 'ImportWorkerError';
  }
}

/**
 * One import worker thread, started on first use and kept for the next file (starting one costs most of a second:
 * the TypeScript loader and the parsers), checking one file at a time; idle, it does not keep the process alive. A
 * worker that crashed or ran out of memory is replaced by a new one for the next file.
 */
export class ImportWorker {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idle: NodeJS.Timeout | undefined;
  private threads = 0;

  /**
   * `idleMs`: how long a worker with nothing to do is kept. Then it is stopped: what a big file left in its heap
   * (the ids of a million rows: ~350 MiB of RSS at 1M) would otherwise stay in the bot's memory until the next import.
   * Short, since the worker's part of a big import ends long before the bot's (writing the shards, indexing): with
   * 30 s the worker of a 1M-row file was still alive when the import ended; a later file pays a new worker's start
   * (about a second), small against a file big enough to outlast the wait.
   */
  constructor(
    private readonly heapMiB = WORKER_HEAP_MIB,
    private readonly idleMs = 5_000,
  ) {}

  /** True while a worker thread runs (checking a file, kept for the next one, or not yet stopped). */
  get alive(): boolean {
    return this.threads > 0;
  }

  /**
   * Reads, decodes, parses and validates `file` on the worker thread (import-worker.ts) and answers as
   * {@link CheckRows} does: the file's problems, why it cannot be read, or — once every row is valid — how many
   * records it holds and, when `keepRecords`, the records in batches, each parsed from JSON only when it is taken. A
   * worker that crashes rejects with {@link ImportWorkerError}, or ends the batches with it.
   */
  check(file: string, check: RowCheck, keepRecords: boolean): ReturnType<CheckRows> {
    const run = this.queue.then(() => this.run(file, check, keepRecords));
    // The next file waits until the worker sent this one's last batch (or failed).
    this.queue = run.then((r) => (r.ok ? r.value.batches.finished : undefined)).catch(() => {});
    return run.then((r) => (r.ok ? ok({ records: r.value.records, batches: r.value.batches }) : r));
  }

  /**
   * Reads and validates `file` on the worker thread as {@link check} does, but hands over the valid records in
   * batches while the rest of the file is still being checked (see `StreamRows` in ports.ts): the iteration throws
   * {@link RowsRefused} after the last batch when any row was invalid or the file unreadable, and
   * {@link ImportWorkerError} when the worker crashed. Once its first batch is taken, the iterable's `expected`
   * says at most how many records will come, when the worker could tell.
   */
  stream(file: string, check: RowCheck): AsyncIterable<RecordLines> & { readonly expected?: number } {
    // A batch's keys and days stay two strings until the importer takes it: a thousand short strings per batch
    // waiting in the queue would outlive a young-generation collection or two and be promoted, for a full collection
    // to free later.
    const batches = new BatchQueue<LinesMessage, RecordLines>(
      (m) => new RecordLines(m.bytes, m.keys.split('\n'), m.days.split('\n')),
    );
    const run = this.queue.then(() => this.runStream(file, check, batches));
    this.queue = run.catch(() => {});
    return batches;
  }

  private started(): Worker {
    clearTimeout(this.idle);
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT, {
      workerData: { entry: ENTRY },
      // Not the bot's own flags (an inspector port, a heap size meant for the whole bot).
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMiB },
    });
    worker.unref();
    this.threads += 1;
    worker.on('exit', () => {
      this.threads -= 1;
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  // Stops the worker after `idleMs` without a job; what a big file left in its heap goes with it.
  private release(worker: Worker): void {
    worker.unref();
    this.idle = setTimeout(() => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      void worker.terminate();
    }, this.idleMs).unref();
  }

  private runStream(file: string, check: RowCheck, batches: BatchQueue<LinesMessage, RecordLines>): Promise<void> {
    const worker = this.started();
    return new Promise((resolve) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.release(worker);
        resolve();
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.kind === 'lines') return batches.push(m);
        if (m.kind === 'size') {
          batches.expected = m.records;
          return;
        }
        done();
        if (m.kind === 'unreadable')
          batches.fail(new RowsRefused({ code: 'unreadable', reason: m.reason, ...(m.row ? { row: m.row } : {}) }));
        else if (m.kind === 'checked' && m.error) batches.fail(new RowsRefused(m.error));
        else batches.end();
      };
      const onError = (error: Error & { code?: string }) => {
        done();
        const reason =
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it ran out of memory (${this.heapMiB} MiB)` : error.message;
        batches.fail(new ImportWorkerError(file, reason));
      };
      const onExit = (code: number) => {
        done();
        batches.fail(new ImportWorkerError(file, `it exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.ref();
      worker.postMessage({ file, check, keepRecords: true, stream: true } satisfies WorkerJob);
    });
  }

  private run(
    file: string,
    check: RowCheck,
    keepRecords: boolean,
  ): Promise<Result<CheckedRows & { batches: BatchQueue }, ImportError>> {
    const worker = this.started();
    return new Promise((resolve, reject) => {
      const batches = new BatchQueue((bytes: Uint8Array) => JSON.parse(decoder.decode(bytes)) as ImportedRecord[]);
      let answered = false;
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.release(worker);
      };
      const fail = (reason: string) => {
        done();
        const error = new ImportWorkerError(file, reason);
        if (!answered) reject(error);
        else batches.fail(error);
        answered = true;
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.kind === 'batch') batches.push(m.bytes);
        else if (m.kind === 'end') {
          done();
          batches.end();
        } else if (m.kind === 'unreadable') {
          done();
          answered = true;
          resolve(err({ code: 'unreadable', reason: m.reason, ...(m.row ? { row: m.row } : {}) }));
        } else if (m.kind === 'checked') {
          answered = true;
          if (m.error || !keepRecords) done();
          if (!keepRecords) batches.end();
          if (m.error) resolve(err(m.error));
          else resolve(ok({ records: m.records, batches }));
        }
      };
      const onError = (error: Error & { code?: string }) =>
        fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it ran out of memory (${this.heapMiB} MiB)` : error.message);
      const onExit = (code: number) => fail(`it exited with code ${code}`);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // While a file is being checked the worker keeps the process alive, as any other pending work does.
      worker.ref();
      worker.postMessage({ file, check, keepRecords });
    });
  }
}

const shared = new ImportWorker();

/**
 * Streams the valid records of `file` from the process's import worker thread ({@link ImportWorker.stream}): what
 * `readRows(file).stream` does.
 */
export function streamFileInWorker(file: string, check: RowCheck): AsyncIterable<RecordLines> {
  return shared.stream(file, check);
}

/**
 * Checks `file` on the process's import worker thread ({@link ImportWorker.check}): what `readRows(file).check` does.
 */
export function checkFileInWorker(file: string, check: RowCheck, keepRecords: boolean): ReturnType<CheckRows> {
  return shared.check(file, check, keepRecords);
}

// The records a worker sent, as an async iterable the importer pulls from at its own pace; each batch is parsed only
// when it is taken, so the bytes wait outside the JS heap until then. `finished` settles once the worker sent its last
// batch (it is then free for the next file) or failed.
class BatchQueue<In = Uint8Array, Out = ImportedRecord[]> implements AsyncIterable<Out> {
  private readonly waiting: In[] = [];
  private done = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private settle: () => void = () => {};
  /**
   * At most how many records the batches will bring, when the worker said so before its first batch (a CSV's line
   * breaks): an importer reads it once the first batch is taken, to make its room once instead of growing it.
   */
  expected: number | undefined;
  readonly finished = new Promise<void>((resolve) => {
    this.settle = resolve;
  });

  /** `open` turns what the worker sent into what the importer takes, when it takes it. */
  constructor(private readonly open: (item: In) => Out) {}

  push(item: In): void {
    this.waiting.push(item);
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.settle();
    this.wake?.();
  }

  fail(error: Error): void {
    // Nothing of a failed file is stored: what was not taken yet is dropped at once.
    this.waiting.length = 0;
    this.failure = error;
    this.settle();
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Out> {
    for (;;) {
      const item = this.waiting.shift();
      if (item) {
        yield this.open(item);
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.done) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }
}
