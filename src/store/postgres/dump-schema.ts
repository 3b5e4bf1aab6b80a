import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { PgTarget } from './create-pg-pool.js';

const run = promisify(execFile);

/** What a `pg_dump` of the bot's schema came to: the dump file, or why there is none. */
export type DumpResult = { ok: true; file: string } | { ok: false; missing: boolean; message: string };

/**
 * The connection string without its password, and the password for `PGPASSWORD`: a password on a command line is
 * visible to every user of the machine (`ps`), the environment of a child process is not.
 */
export function splitPassword(url: string): { url: string; password?: string } {
  const parsed = new URL(url);
  if (!parsed.password) return { url };
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), password };
}

/**
 * Runs a PostgreSQL client tool (`pg_dump`, `pg_restore`) from the PATH, against `target` when given, its password
 * passed through the environment. Rejects with `code: 'ENOENT'` when the tool is not installed.
 */
export async function runPgTool(tool: string, args: string[], target?: PgTarget): Promise<string> {
  const split = target ? splitPassword(target.url) : undefined;
  const env = { ...process.env, ...(split?.password ? { PGPASSWORD: split.password } : {}) };
  const { stdout } = await run(tool, [...args, ...(split ? [`--dbname=${split.url}`] : [])], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Writes a `pg_dump` of the bot's schema (custom format: `pg_restore` reads it, table by table if need be) to `file`.
 * Never throws: a missing `pg_dump` (Debian: `apt-get install postgresql-client`) or a failed dump is returned with
 * a message saying so, so the caller decides whether the work it protects may go on.
 */
export async function dumpSchema(target: PgTarget, file: string, pgDump = 'pg_dump'): Promise<DumpResult> {
  try {
    await runPgTool(pgDump, ['--format=custom', `--schema=${target.schema}`, '--no-owner', `--file=${file}`], target);
    return { ok: true, file };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      return {
        ok: false,
        missing: true,
        message: 'pg_dump is not on the PATH (Debian/Ubuntu: apt-get install postgresql-client)',
      };
    return { ok: false, missing: false, message: (e.stderr || e.message).trim() };
  }
}
