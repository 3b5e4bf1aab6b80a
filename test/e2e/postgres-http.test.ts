import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { createPgPool } from '../../src/store/postgres/create-pg-pool.js';
import { type HttpBot, SIGNING_SECRET, startHttpBot } from '../helpers/http-bot.js';
import { describePostgres, postgresUrl, uniqueSchemaName } from '../helpers/postgres.js';
import { LEDGER_COLUMNS, ledgerRow } from '../helpers/rows.js';
import { ackedMessage, FORM, postSigned, slashCommand } from '../helpers/slack-requests.js';

const ONLY_IN_POSTGRES = '26112000000000977777';
const IMPORTED_LATER = '26112000000000955555';
// In the demo data's lowdb files beside the bot, never imported into PostgreSQL.
const ONLY_IN_LOWDB = '26112000000000100001';

// `DATABASE_URL=postgres://… npm start` as Slack reaches it: the real bot in HTTP mode keeps its invoices in
// PostgreSQL, filled by `npm run import` — also while the bot runs, as another replica's sync would.
describePostgres('the bot with DATABASE_URL, over signed HTTP', () => {
  const schema = uniqueSchemaName('e2e');
  const clock = createManualClock(DEMO_NOW);
  let http: HttpBot;
  let work: string;
  const env = () => ({ DATA_DIR: join(work, 'data'), DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema });

  async function importLedger(digital: string): Promise<string> {
    const file = join(work, `${digital}.csv`);
    await writeFile(file, `${[[...LEDGER_COLUMNS], ledgerRow({ digital_number: digital })].join('\n')}\n`);
    const lines: string[] = [];
    expect(await runImport(['ledger', file], env(), (l) => lines.push(l), clock)).toBe(0);
    return lines.join('\n');
  }

  async function lookUp(text: string): Promise<string> {
    const res = await postSigned(
      http.events,
      slashCommand(text, `${http.fake.url}/response/${text}`, 'U0FIN'),
      FORM,
      SIGNING_SECRET,
    );
    expect(res.status).toBe(200);
    return JSON.stringify(ackedMessage(res) ?? {});
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'invoice-desk-pg-e2e-'));
    // The import prepares the empty schema itself (migrations), and backs it up with pg_dump first.
    expect(await importLedger(ONLY_IN_POSTGRES)).toMatch(
      /pg_dump to .*postgres-e2e_\w+\.dump\.\nImported 1 ledger rows: 1 new/,
    );
    http = await startHttpBot({ DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema, FINANCE_LEADS: 'U0FIN' }, clock);
  });

  afterAll(async () => {
    await http?.close();
    const pool = createPgPool({ url: postgresUrl, schema });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
    await rm(work, { recursive: true, force: true });
  });

  it('answers from the invoices in PostgreSQL, not from the lowdb files beside it', async () => {
    const found = await lookUp(ONLY_IN_POSTGRES);
    expect(found).toContain(ONLY_IN_POSTGRES);
    expect(found).not.toContain('not in any of our records');
    expect(await lookUp(ONLY_IN_LOWDB)).toContain('This invoice is not in any of our records.');
  });

  it('sees an import made while it runs at once, as a second replica would', async () => {
    expect(await lookUp(IMPORTED_LATER)).toContain('not in any of our records');
    clock.advance(60_000);
    await importLedger(IMPORTED_LATER);
    expect(await lookUp(IMPORTED_LATER)).not.toContain('not in any of our records');
  });
});
