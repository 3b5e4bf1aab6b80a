import { readFile } from 'node:fs/promises';
import { type Adapter, Low } from 'lowdb';
import type { z } from 'zod';
import { coalesceWrites } from './coalesce-writes.js';
import { CorruptDataError } from './corrupt-data-error.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Indented JSON, for small files people may read or edit. */
export function prettyJson(data: unknown): string {
  return JSON.stringify(data, null, 2);
}

/**
 * Opens a lowdb JSON file and validates it. A file that does not parse, or does not match `schema`, raises
 * {@link CorruptDataError} naming it, and is left exactly as it was.
 * Uses `new Low(new DurableJsonFile())` rather than `JSONFilePreset`, which silently stays in memory under
 * NODE_ENV=test; every write goes through {@link writeFileAtomic}.
 */
export async function openJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  defaults: z.infer<S>,
  stringify: (data: z.infer<S>) => string = prettyJson,
): Promise<Low<z.infer<S>>> {
  const db = new Low<z.infer<S>>(new DurableJsonFile<z.infer<S>>(file, stringify), defaults);
  try {
    await db.read();
  } catch (error) {
    throw new CorruptDataError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(db.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `at ${issue.path.join('.')}: ` : '';
    throw new CorruptDataError(file, `${where}${issue?.message ?? 'unexpected shape'}`);
  }
  db.data = parsed.data;
  return db;
}

/**
 * A lowdb adapter for one JSON file whose writes are crash-safe (temp file, fsync, rename, directory fsync). Writes
 * asked for while one is in progress are merged into the next (see {@link coalesceWrites}): each `write` resolves
 * once a write holding its data is on disk, but a burst of changes costs two writes, not one per change.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private latest: T | undefined;
  private readonly flush = coalesceWrites(() => writeFileAtomic(this.file, this.stringify(this.latest as T)));

  constructor(
    private readonly file: string,
    private readonly stringify: (data: T) => string = prettyJson,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    // lowdb passes the same `data` object every time, changed in place; the write renders it when it starts.
    this.latest = data;
    return this.flush();
  }
}
