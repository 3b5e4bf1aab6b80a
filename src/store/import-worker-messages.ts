import type { ImportError, RowCheck } from '../domain/row-validator.js';
import type { UnreadableReason } from '../lib/unreadable-file-error.js';

/**
 * One file for an import worker to check, and whether to send its records when every row is valid (`keepRecords`),
 * or as they are checked (`stream`: batches go out until the first invalid row, and `checked` comes last).
 */
export type WorkerJob = { file: string; check: RowCheck; keepRecords: boolean; stream?: boolean };

/**
 * What an import worker thread answers a job with: the outcome of checking every row (`checked`, with the file's
 * problems when any row was invalid), why the file cannot be read at all (`unreadable`), and, for a valid file whose
 * records were asked for, the records as JSON arrays in UTF-8 (`batch`) up to `end`. A streamed job sends its
 * batches first, as JSON lines with their records' keys and issue days joined by line breaks (`lines`, see
 * RecordLines), and ends with `checked` (or `unreadable`), with no `end`; before its first batch it may say at most
 * how many records will come (`size`), for the importer to make room once.
 */
export type WorkerMessage =
  | { kind: 'checked'; records: number; error?: ImportError }
  | { kind: 'unreadable'; reason: UnreadableReason; row?: number }
  | { kind: 'batch'; bytes: Uint8Array }
  | { kind: 'lines'; bytes: Uint8Array; keys: string; days: string }
  | { kind: 'size'; records: number }
  | { kind: 'end' };
