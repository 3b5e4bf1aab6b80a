import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import { CorruptDataError } from './corrupt-data-error.js';

/**
 * Opens a lowdb JSON file and validates it. A file that does not parse, or does not match `schema`, raises
 * {@link CorruptDataError} naming it, and is left exactly as it was.
 * Uses `new Low(new JSONFile())` rather than `JSONFilePreset`, which silently stays in memory under NODE_ENV=test.
 */
export async function openJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  defaults: z.infer<S>,
): Promise<Low<z.infer<S>>> {
  const db = new Low<z.infer<S>>(new JSONFile<z.infer<S>>(file), defaults);
  try {
    await db.read();
  } catch (error) {
    throw new CorruptDataError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(db.data);
  if (!parsed.success) throw new CorruptDataError(file, parsed.error.issues[0]?.message ?? 'unexpected shape');
  db.data = parsed.data;
  return db;
}
