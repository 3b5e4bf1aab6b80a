import { afterAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../src/cli/migrate.js';
import { createPgPool } from '../../src/store/postgres/create-pg-pool.js';
import { describePostgres, postgresUrl, uniqueSchemaName } from '../helpers/postgres.js';

async function run(env: Record<string, string>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runMigrate(env, (line) => lines.push(line));
  return { code, out: lines.join('\n') };
}

describe('npm run migrate without PostgreSQL', () => {
  it('says lowdb needs no migrations when DATABASE_URL is unset', async () => {
    expect(await run({})).toEqual({ code: 2, out: expect.stringMatching(/^DATABASE_URL is not set: .* lowdb/) });
    expect((await run({ BOT_LANGUAGE: 'zh' })).out).toMatch(/^未设置 DATABASE_URL/);
  });

  it('names an unreachable server without its password', async () => {
    const { code, out } = await run({ DATABASE_URL: 'postgres://bot:hunter2@127.0.0.1:1/invoices' });
    expect(code).toBe(1);
    expect(out).toContain('Migrating postgres://bot:[redacted]@127.0.0.1:1/invoices failed');
    expect(out).not.toContain('hunter2');
  });
});

describePostgres('npm run migrate', () => {
  const schema = uniqueSchemaName('cli');
  afterAll(async () => {
    const pool = createPgPool({ url: postgresUrl, schema });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('applies the migrations to DATABASE_SCHEMA, then reports it up to date', async () => {
    const env = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema };
    const first = await run(env);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      new RegExp(`^Applied 001_initial.* to schema ${schema} at .*: it is now at version \\d+\\.$`),
    );
    expect(await run(env)).toEqual({
      code: 0,
      out: expect.stringMatching(/is up to date \(version \d+\); nothing to do\.$/),
    });
  });
});
