import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { catalogFor } from '../i18n/catalog-for.js';
import { parseLocalTime } from '../lib/time.js';
import { DatabaseUnavailableError, openPostgres } from '../store/postgres/open-postgres.js';
import { readPgAuditLog } from '../store/postgres/pg-audit-log.js';
import { flagsOf, loadCliConfig } from './cli-config.js';

const Entry = z.object({
  at: z.string(),
  user: z.string(),
  action: z.string(),
  invoice: z.string().optional(),
  notice: z.string().optional(),
  detail: z.string().optional(),
});
const COLUMNS = ['at', 'user', 'action', 'invoice', 'notice', 'detail'] as const;

// What a spreadsheet would read as a formula: = + - @ first (after any spaces), or a tab or carriage return first.
const FORMULA = /^(\s*[=+\-@]|[\t\r])/;

/** One CSV cell: formulas defused with a leading apostrophe, then quoted when it carries separators or breaks. */
export function csvCell(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** One CSV line of an entry, in {@link COLUMNS} order. */
function csvLine(entry: Partial<Record<(typeof COLUMNS)[number], string>>): string {
  return COLUMNS.map((c) => csvCell(entry[c] ?? '')).join(',');
}

/**
 * `npm run audit -- --since D [--until D] [--user U…] [--invoice …]`: the audit trail as CSV on stdout, oldest first:
 * from `DATA_DIR/audit/`, or from PostgreSQL's `audit_log` when `DATABASE_URL` is set (the same columns and cells).
 * Returns the exit code.
 */
export async function runAudit(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<number> {
  const config = loadCliConfig(env, print);
  if (!config) return 2;
  const flag = flagsOf(argv);
  const since = parseLocalTime(flag('--since') ?? '', config.timezone);
  const untilText = flag('--until');
  const until = untilText ? parseLocalTime(untilText, config.timezone) : new Date(8.64e15);
  if (!since || !until) {
    print(catalogFor(config.language).reports.auditUsage);
    return 2;
  }
  // --until names a day: include all of it.
  const end = untilText && /^\d{4}-\d{2}-\d{2}$/.test(untilText) ? until.getTime() + 86_400_000 : until.getTime();
  // An empty trail for a reversed range would read as "nothing happened": say which flag is wrong instead.
  if (untilText && end <= since.getTime()) {
    print(catalogFor(config.language).import.exportRangeReversed(flag('--since') ?? '', untilText));
    return 2;
  }
  const user = flag('--user');
  const invoice = flag('--invoice');
  if (config.databaseUrl) {
    const query = { from: since, to: new Date(end), ...(user ? { user } : {}), ...(invoice ? { invoice } : {}) };
    return printFromPostgres({ url: config.databaseUrl, schema: config.databaseSchema }, query, print);
  }
  const dir = join(config.dataDir, 'audit');
  const files = (await readdir(dir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.jsonl') && f.slice(0, 7) >= since.toISOString().slice(0, 7))
    .sort();
  print(COLUMNS.join(','));
  for (const file of files) {
    const lines = (await readFile(join(dir, file), 'utf8')).split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      // A crash during a flush can tear the last line; it is reported and skipped like any other bad line.
      const parsed = Entry.safeParse(parseJson(line));
      if (!parsed.success) {
        print(catalogFor(config.language).reports.notAnAuditEntry(file, i + 1));
        continue;
      }
      const e = parsed.data;
      const t = Date.parse(e.at);
      if (t < since.getTime() || t >= end || (user && e.user !== user) || (invoice && e.invoice !== invoice)) continue;
      print(csvLine(e));
    }
  }
  return 0;
}

async function printFromPostgres(
  target: { url: string; schema: string },
  query: Parameters<typeof readPgAuditLog>[1],
  print: (line: string) => void,
): Promise<number> {
  let pool: Awaited<ReturnType<typeof openPostgres>>;
  try {
    // Migrations first, as every tool does: a schema no bot has started on yet simply has an empty trail.
    pool = await openPostgres({ ...target, max: 1 });
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    print(error.message);
    return 2;
  }
  try {
    print(COLUMNS.join(','));
    for await (const entry of readPgAuditLog(pool, query)) print(csvLine(entry));
    return 0;
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runAudit(process.argv.slice(2), process.env, (line) => console.log(line));
}
