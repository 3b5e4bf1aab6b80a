import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { z } from 'zod';
import { CorruptDataError } from './corrupt-data-error.js';

/** Indented JSON, for small files people may read or edit. */
export function prettyJson(data: unknown): string {
  return JSON.stringify(data, null, 2);
}

/**
 * Opens a lowdb JSON file and validates it. A file that does not parse, or does not match `schema`, raises
 * {@link CorruptDataError} naming it, and is left exactly as it was.
 * Uses `new Low(new DataFile())` rather than `JSONFilePreset`, which silently stays in memory under NODE_ENV=test.
 */
export async function openJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  defaults: z.infer<S>,
  stringify: (data: z.infer<S>) => string = prettyJson,
): Promise<Low<z.infer<S>>> {
  const db = new Low<z.infer<S>>(new DataFile<z.infer<S>>(file, { parse: JSON.parse, stringify }), defaults);
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
