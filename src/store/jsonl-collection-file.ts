import { access, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { coalesceWrites, SETTLE_PER_TURN } from './coalesce-writes.js';
import { CorruptDataError } from './corrupt-data-error.js';
import { openJsonFile } from './json-file.js';
import { createJsonlAppender } from './jsonl-appender.js';
import type { SaveChanges } from './state-collections.js';
import { replaceFile, syncDir } from './write-file-atomic.js';

/** The file is rewritten with one line per item once it holds this many lines (or twice the items, if more). */
export const COMPACT_AT_LINES = 1_000;
// A rewrite writes what it has rendered once it holds this many characters: each step is then a fraction of a
// millisecond of the event loop's time (a walk-through is 1–4 KB), and its text stays a young-generation string.
// Steps of 200 items made 0.3–0.8 MB strings, which V8 puts straight into the old generation, and held a turn of the
// event loop for 1–3 ms, as long as the admission gate lets a whole turn's requests run (docs/benchmarks.md, health11).
const STEP_CHARS = 32 * 1024;

/** Where an older version kept the same collection: one JSON file holding `{ [key]: [items] }`. */
export type LegacyJsonFile = { file: string; key: string };

/** A collection read from its file, and how to save its changes there. */
export type JsonlCollection<T> = { items: T[]; save: SaveChanges<T> };

type Line = { drop: string };

/**
 * Opens a collection of items with ids kept as JSON lines: a change appends one line per item changed (the whole
 * item; the last line of an id wins) or dropped (`{"drop":"<id>"}`), flushed to disk (fdatasync) before its promise
 * resolves, so a walk-through click costs one short append instead of rewriting every walk-through. Changes that
 * arrive while a write is in progress share the next one ({@link coalesceWrites}). Once the lines reach twice the
 * items (at least {@link COMPACT_AT_LINES}), the file is rewritten crash-safe with one line per item (temp file,
 * fsync, rename), which also replaces an append that failed half-way (a full disk).
 *
 * A crash during an append can leave a last line cut short: it is the change whose promise never resolved, and is
 * ignored. Any other line that does not parse, or an item `item` refuses, stops the bot with
 * {@link CorruptDataError} naming the file and line, and the file is left as it is. If the file does not exist yet,
 * `legacy` (the single JSON file of older versions) is read instead, and removed once the first write has made the
 * JSON-lines file.
 */
export async function openJsonlCollection<T extends { id: string }>(
  file: string,
  item: z.ZodType<T>,
  legacy?: LegacyJsonFile,
): Promise<JsonlCollection<T>> {
  const read = await readLines(file, item);
  let items = read?.items;
  let lines = read?.lines ?? 0;
  let legacyLeft = false;
  if (!read && legacy) {
    items = await readLegacy(legacy, item);
    legacyLeft = items !== undefined;
  } else if (read && legacy) {
    // A crash after the JSON-lines file was made and before the old file was removed: the new one holds it all.
    legacyLeft = true;
  }
  // Rewrite before the next append when there is no file yet, or its end is not a complete line.
  let compact = !read || read.tornTail;
  let compactAt = Math.max(COMPACT_AT_LINES, 2 * (items?.length ?? 0));
  let pending: string[] = [];
  let all: () => Iterable<T> = () => [];
  const appender = createJsonlAppender(file);

  const write = coalesceWrites(
    async () => {
      const batch = pending.length === 1 ? (pending[0] as string) : pending.join('');
      const count = pending.length;
      pending = [];
      if (compact || lines + count >= compactAt) {
        // The items as they are now, taken before the first await: the rewrite holds every change made until now.
        // Items are replaced, never changed in place, so they are written as taken even if changed meanwhile (those
        // changes are pending lines, appended after). Written a step at a time (STEP_CHARS), so a rewrite of thousands of
        // walk-throughs neither holds the event loop nor builds one string of megabytes.
        const items = [...all()];
        compact = true;
        await replaceFile(file, async (handle) => {
          let text = '';
          for (const one of items) {
            text += `${JSON.stringify(one)}\n`;
            if (text.length < STEP_CHARS) continue;
            await handle.writeFile(text);
            text = '';
          }
          if (text !== '') await handle.writeFile(text);
        });
        const n = items.length;
        compact = false;
        lines = n;
        compactAt = Math.max(COMPACT_AT_LINES, 2 * n);
        if (legacyLeft && legacy) {
          await rm(legacy.file, { force: true });
          await syncDir(dirname(legacy.file));
          legacyLeft = false;
        }
        return;
      }
      try {
        await appender.append(batch, true);
        lines += count;
      } catch (error) {
        // Part of the batch may be in the file, cut anywhere: no append may follow it until a rewrite replaced it.
        compact = true;
        throw error;
      }
    },
    { settlePerTurn: SETTLE_PER_TURN },
  );

  return {
    items: items ?? [],
    save: (change, every) => {
      all = every;
      for (const one of change.put ?? []) pending.push(`${JSON.stringify(one)}\n`);
      for (const id of change.drop ?? []) pending.push(`${JSON.stringify({ drop: id } satisfies Line)}\n`);
      return write();
    },
  };
}

type Read<T> = { items: T[]; lines: number; tornTail: boolean };

async function readLines<T extends { id: string }>(file: string, item: z.ZodType<T>): Promise<Read<T> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const byId = new Map<string, T>();
  const lines = text.split('\n');
  // A file ending in a newline splits into its lines and one empty string; anything else ends in a cut line.
  const tornTail = lines.at(-1) !== '';
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const last = i === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      if (last) continue;
      throw new CorruptDataError(file, `line ${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (isDrop(value)) {
      byId.delete(value.drop);
      continue;
    }
    const parsed = item.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      throw new CorruptDataError(file, `line ${i + 1}${where}: ${issue?.message ?? 'unexpected shape'}`);
    }
    byId.set(parsed.data.id, parsed.data);
  }
  return { items: [...byId.values()], lines: lines.length - 1, tornTail };
}

function isDrop(value: unknown): value is Line {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Line).drop === 'string' &&
    Object.keys(value).length === 1
  );
}

async function readLegacy<T>(legacy: LegacyJsonFile, item: z.ZodType<T>): Promise<T[] | undefined> {
  try {
    await access(legacy.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const db = await openJsonFile(legacy.file, z.object({ [legacy.key]: item.array() }), { [legacy.key]: [] });
  return (db.data as Record<string, T[]>)[legacy.key];
}
