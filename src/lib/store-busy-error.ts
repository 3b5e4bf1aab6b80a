/**
 * Thrown by a store when other sessions kept it from finishing a write in time (a PostgreSQL table another session
 * keeps reading). The write was rolled back whole, so the same request can simply be made again later; callers
 * answer that specifically instead of "something went wrong".
 */
export class StoreBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreBusyError';
  }
}
