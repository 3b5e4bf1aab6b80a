import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FilingCalendarFile, type FilingTable, toFilingTable } from '../domain/filing-calendar.js';
import { openJsonFile } from './json-file.js';

/** The official filing deadlines shipped with the bot (2026). */
export const SHIPPED_FILING_CALENDAR = fileURLToPath(new URL('../../data/filing-calendar.json', import.meta.url));

/**
 * The official filing deadlines: the shipped table, plus the years admins add in `DATA_DIR/filing-calendar.json`
 * (a year there replaces the shipped one). A file that does not parse or validate stops the bot with the file and
 * field named, like `workdays.json` and `checklist.json`; a missing admin file is simply no extra years.
 */
export async function loadFilingTable(dataDir: string): Promise<FilingTable> {
  const empty = { years: {} };
  const shipped = await openJsonFile(SHIPPED_FILING_CALENDAR, FilingCalendarFile, empty);
  const own = await openJsonFile(join(dataDir, 'filing-calendar.json'), FilingCalendarFile, empty);
  return toFilingTable(shipped.data, own.data);
}
