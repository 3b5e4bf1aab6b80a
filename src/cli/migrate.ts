import { fileURLToPath } from 'node:url';
import { catalogFor } from '../i18n/catalog-for.js';
import { redact } from '../lib/redact.js';
import { createPgPool } from '../store/postgres/create-pg-pool.js';
import { migrate } from '../store/postgres/migrate.js';
import { loadCliConfig } from './cli-config.js';

/**
 * `npm run migrate`: applies the pending migrations of `migrations/` to `DATABASE_SCHEMA` in `DATABASE_URL` (the bot
 * also does this at start, under the same lock, so running it while replicas start is safe). Returns the exit code.
 */
export async function runMigrate(
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<number> {
  const config = loadCliConfig(env, print);
  if (!config) return 2;
  const t = catalogFor(config.language).migrate;
  if (!config.databaseUrl) {
    print(t.noDatabase);
    return 2;
  }
  const target = redact(config.databaseUrl);
  const schema = config.databaseSchema;
  const pool = createPgPool({ url: config.databaseUrl, schema, max: 1 });
  try {
    const { applied, version } = await migrate(pool, { schema });
    print(
      applied.length > 0
        ? t.applied(
            applied.map((m) => m.name),
            schema,
            target,
            version,
          )
        : t.upToDate(schema, target, version),
    );
    return 0;
  } catch (error) {
    print(t.failed(target, redact(error instanceof Error ? error.message : String(error))));
    return 1;
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await runMigrate(process.env, (line) => console.log(line));
}
