import type { ImportError } from './row-validator.js';

/**
 * Thrown by a stream of records (`ImportRows.stream`) when the file turns out to be invalid or unreadable after some
 * of its records were already handed over: whoever took them must discard them, and the import reports `reason`.
 * @example try { for await (const batch of rows.stream(check)) stage(batch); } catch (e) { if (e instanceof RowsRefused) discard(); }
 */
export class RowsRefused extends Error {
  constructor(readonly reason: ImportError) {
    super(`the file was refused: ${reason.code}`);
    this.name = 'RowsRefused';
  }
}
