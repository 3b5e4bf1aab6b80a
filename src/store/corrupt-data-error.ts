/** A data file that cannot be read as what it should be. The bot stops and never overwrites it. */
export class CorruptDataError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `Data file ${file} is corrupt (${reason}). Restore it from a backup or fix it by hand; the bot has not touched it.`,
    );
    this.name = 'CorruptDataError';
  }
}
