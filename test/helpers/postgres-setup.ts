import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { redact } from '../../src/lib/redact.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the PostgreSQL tests use, or '' when it cannot be reached (they are skipped). */
    postgresUrl: string;
  }
}

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

async function probe(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * vitest global setup: checks once per run whether the test PostgreSQL server (`TEST_DATABASE_URL`, default the
 * machines' own at 127.0.0.1:5432) answers. In CI an unreachable server fails the run; elsewhere the PostgreSQL
 * tests are skipped and one line says how to run them.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const problem = await probe(url);
  if (problem && process.env.CI)
    throw new Error(`PostgreSQL tests need a server and CI is set, but ${redact(url)} cannot be reached: ${problem}`);
  if (problem)
    console.warn(
      `PostgreSQL tests SKIPPED (${redact(url)}: ${problem}). To run them: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start, or set TEST_DATABASE_URL.`,
    );
  project.provide('postgresUrl', problem ? '' : url);
}
