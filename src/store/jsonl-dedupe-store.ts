import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DedupeStore } from '../ports.js';
import { CorruptDataError } from './corrupt-data-error.js';
import { DEDUPE_TTL_MS } from './dedupe-ttl.js';
import { writeFileAtomic } from './write-file-atomic.js';

// The log is rewritten with only the live keys once it holds this many lines (or twice the live keys, if more).
const COMPACT_AT = 5_000;

/** What the dedupe store does when the disk refuses a write: told once per outage, the bot keeps answering. */
export type DedupeOptions = { onWriteError?: (error: unknown) => void };

/**
 * Handled keys (event ids, interaction keys) in `DATA_DIR/state/dedupe.jsonl`, one `{"k","t"}` line appended per
 * key, so remembering a key costs one short append instead of rewriting a file for every message. Kept in memory
 * for 24 hours; the log is compacted now and then. A write that fails (a full disk) is reported once and ignored:
 * the key is still remembered in memory, only a restart within Slack's retry window could then answer twice.
 * A `dedupe.json` left by an older version is read once and folded in.
 */
export async function createJsonlDedupeStore(dataDir: string, options: DedupeOptions = {}): Promise<DedupeStore> {
  const dir = join(dataDir, 'state');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'dedupe.jsonl');
  const seen = new Map<string, number>();
  await readLegacy(join(dir, 'dedupe.json'), seen);
  let lines = await readLog(file, seen);
  let compactAt = COMPACT_AT;
  let failing = false;
  let chain: Promise<void> = Promise.resolve();
  const write = (work: () => Promise<void>) => {
    chain = chain.then(work).then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        if (!failing) options.onWriteError?.(error);
        failing = true;
      },
    );
    return chain;
  };
  return {
    async firstSeen(key, now) {
      const at = seen.get(key);
      if (at !== undefined && now.getTime() - at < DEDUPE_TTL_MS) return false;
      seen.set(key, now.getTime());
      lines += 1;
      const compact = lines >= compactAt;
      await write(async () => {
        if (!compact) {
          await appendFile(file, `${JSON.stringify({ k: key, t: now.getTime() })}\n`);
          return;
        }
        for (const [k, t] of seen) if (now.getTime() - t >= DEDUPE_TTL_MS) seen.delete(k);
        const live = [...seen].map(([k, t]) => `${JSON.stringify({ k, t })}\n`).join('');
        await writeFileAtomic(file, live);
        lines = seen.size;
        compactAt = Math.max(COMPACT_AT, 2 * seen.size);
      });
      return true;
    },
  };
}

async function readLog(file: string, seen: Map<string, number>): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      const { k, t } = JSON.parse(line) as { k: unknown; t: unknown };
      if (typeof k === 'string' && typeof t === 'number') seen.set(k, t);
    } catch (error) {
      // A crash (or a full disk) can leave the last line half-written; anything else is damage worth stopping for.
      if (i < lines.length - 2) throw new CorruptDataError(file, `line ${i + 1}: ${String(error)}`);
    }
  }
  return lines.length;
}

async function readLegacy(file: string, seen: Map<string, number>): Promise<void> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { seen?: Record<string, number> };
    for (const [k, t] of Object.entries(data.seen ?? {})) if (typeof t === 'number') seen.set(k, t);
    await rm(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new CorruptDataError(file, String(error));
  }
}
