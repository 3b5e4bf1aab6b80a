import type { AuditEntry, AuditLog } from '../ports.js';

/** Pending entries are written at the latest this long after the first of them was recorded. */
export const AUDIT_FLUSH_MS = 100;

/** How an audit log batches, and what it does when a write is refused (told once per outage). */
export type AuditLogOptions = { flushMs?: number; onWriteError?: (error: unknown) => void };

/**
 * The batching every audit log shares: `record` only buffers (no I/O on the request's path); the buffer goes to
 * `write` at most `flushMs` after its first entry, or on `flush`, one batch at a time and in order. A batch `write`
 * refuses is reported once per outage and kept, ahead of newer entries, for the next flush; `afterFailure` tells
 * `write` that the previous attempt failed (a file may end in a torn line).
 */
export function createAuditBatcher(
  write: (batch: AuditEntry[], afterFailure: boolean) => Promise<void>,
  options: AuditLogOptions = {},
): Pick<AuditLog, 'record' | 'flush'> {
  const flushMs = options.flushMs ?? AUDIT_FLUSH_MS;
  const onWriteError = options.onWriteError ?? ((error) => console.error('cannot append to the audit log', error));
  let pending: AuditEntry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let chain = Promise.resolve();
  let failing = false;

  const writeBatch = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      await write(batch, failing);
      failing = false;
    } catch (error) {
      if (!failing) onWriteError(error);
      failing = true;
      pending = [...batch, ...pending];
    }
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    chain = chain.then(writeBatch);
    return chain;
  };

  return {
    async record(entry) {
      pending.push(entry);
      timer ??= setTimeout(flush, flushMs);
    },
    flush,
  };
}
