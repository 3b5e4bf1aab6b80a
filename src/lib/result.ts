/** Outcome of an operation whose failure is expected (bad input, not found, not allowed). */
export type Result<T, E extends { code: string }> = { ok: true; value: T } | { ok: false; error: E };

/**
 * Wraps a success value.
 * @example ok(3) // { ok: true, value: 3 }
 */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/**
 * Wraps an expected failure.
 * @example err({ code: 'not_found' }) // { ok: false, error: { code: 'not_found' } }
 */
export const err = <E extends { code: string }>(error: E): { ok: false; error: E } => ({ ok: false, error });
