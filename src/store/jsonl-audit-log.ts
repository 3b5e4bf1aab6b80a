import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditLog } from '../ports.js';

/**
 * The audit trail as JSON Lines under `DATA_DIR/audit/<YYYY-MM>.jsonl`: one small append per event, never a rewrite,
 * and a file per month so old months can be archived whole.
 */
export async function createJsonlAuditLog(dataDir: string): Promise<AuditLog> {
  const dir = join(dataDir, 'audit');
  await mkdir(dir, { recursive: true });
  return {
    async record(entry) {
      await appendFile(join(dir, `${entry.at.slice(0, 7)}.jsonl`), `${JSON.stringify(entry)}\n`);
    },
  };
}
