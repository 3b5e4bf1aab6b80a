import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry, AuditLog } from '../ports.js';
import { type AuditLogOptions, createAuditBatcher } from './audit-batcher.js';

export { AUDIT_FLUSH_MS, type AuditLogOptions } from './audit-batcher.js';

/**
 * The audit trail as JSON Lines under `DATA_DIR/audit/<YYYY-MM>.jsonl`: appended, never rewritten, a file per month
 * so old months can be archived whole. Recording costs no I/O on the request's path: entries are buffered and
 * written at most `flushMs` later (and on `close()`), as one append of whole lines per month file through one open
 * handle, flushed to disk (fdatasync) once per batch. A crash or power cut can lose the last `flushMs` of entries
 * and, at worst, tear the last line, which `npm run audit` skips. A failed write keeps its entries for the next flush, which starts on a fresh line.
 */
export async function createJsonlAuditLog(dataDir: string, options: AuditLogOptions = {}): Promise<AuditLog> {
  const dir = join(dataDir, 'audit');
  await mkdir(dir, { recursive: true });
  const handles = new Map<string, FileHandle>();

  const handleFor = async (month: string): Promise<FileHandle> => {
    const current = handles.get(month);
    if (current) return current;
    // A new month: the previous month's file will not be written again.
    for (const [old, handle] of handles) {
      handles.delete(old);
      await handle.close();
    }
    const handle = await open(join(dir, `${month}.jsonl`), 'a');
    handles.set(month, handle);
    return handle;
  };

  const writeBatch = async (batch: AuditEntry[], afterFailure: boolean): Promise<void> => {
    const byMonth = new Map<string, string[]>();
    for (const entry of batch) {
      const month = entry.at.slice(0, 7);
      const lines = byMonth.get(month) ?? [];
      lines.push(`${JSON.stringify(entry)}\n`);
      byMonth.set(month, lines);
    }
    for (const [month, lines] of byMonth) {
      // After a failed write the file may end in a torn line: start ours on a line of its own.
      const handle = await handleFor(month);
      await handle.write(`${afterFailure ? '\n' : ''}${lines.join('')}`);
      // One flush to disk per batch, not per entry: a power cut loses at most the entries of the last flushMs.
      await handle.datasync();
    }
  };
  const { record, flush } = createAuditBatcher(writeBatch, options);

  return {
    record,
    flush,
    async close() {
      await flush();
      for (const [month, handle] of handles) {
        handles.delete(month);
        await handle.close();
      }
    },
  };
}
