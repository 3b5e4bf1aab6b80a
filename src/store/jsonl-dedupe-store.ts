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
 * Handled keys (event ids, interaction keys, request signatures) in `DATA_DIR/state/dedupe.jsonl`, one `{"k","t"}`
 * line appended per key, so remembering a key costs a short append instead of rewriting a file for every message;
 * keys remembered while an append runs share the next one. A key lives {@link DEDUPE_TTL_MS} from its `t`, so a key
 * remembered for less is written with an earlier `t` (the format older versions read). Kept in memory; the log is
 * compacted now and then, which also forgets expired keys. A write that fails (a full disk) is reported once and
 * ignored: the key is still remembered in memory, only a restart within Slack's retry window could then answer
 * twice. A `dedupe.json` left by an older version is read once and folded in.
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
  let pending = '';
  let next: Promise<void> | undefined;
  // The next write takes every line added until it starts; callers are durable when it resolves.
  const flush = (now: Date): Promise<void> => {
    next ??= chain = chain
      .then(async () => {
        next = undefined;
        const text = pending;
        pending = '';
        if (lines < compactAt) {
          await appendFile(file, text);
          return;
        }
        for (const [k, t] of seen) if (now.getTime() - t >= DEDUPE_TTL_MS) seen.delete(k);
        const live = [...seen].map(([k, t]) => `${JSON.stringify({ k, t })}\n`).join('');
        await writeFileAtomic(file, live);
        lines = seen.size;
        compactAt = Math.max(COMPACT_AT, 2 * seen.size);
      })
      .then(
        () => {
          failing = false;
        },
        (error: unknown) => {
          if (!failing) options.onWriteError?.(error);
          failing = true;
        },
      );
    return next;
  };
  const keep = (key: string, t: number, now: Date) => {
    seen.set(key, t);
    pending += `${JSON.stringify({ k: key, t })}\n`;
    lines += 1;
    return flush(now);
  };
  const live = (key: string, now: Date) => {
    const t = seen.get(key);
    return t !== undefined && now.getTime() - t < DEDUPE_TTL_MS;
  };
  return {
    async firstSeen(key, now) {
      if (live(key, now)) return false;
      await keep(key, now.getTime(), now);
      return true;
    },
    seen: async (key, now) => live(key, now),
    async remember(key, now, ttlMs) {
      const t = Math.max(seen.get(key) ?? Number.NEGATIVE_INFINITY, now.getTime() + ttlMs - DEDUPE_TTL_MS);
      await keep(key, t, now);
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
