import type { z } from 'zod';

/**
 * A modal's `private_metadata` read against `schema`; undefined when it is not JSON or not that shape (a forged
 * submission, or a form opened by an older version of the bot), so the listener can answer politely instead of
 * throwing before it acks.
 * @example readMetadata(Meta, '{"id":"ESC-20261127-001","action":"resolve"}') // { id: 'ESC-…', action: 'resolve' }
 */
export function readMetadata<S extends z.ZodType>(schema: S, text: string): z.infer<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text || '{}'));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
