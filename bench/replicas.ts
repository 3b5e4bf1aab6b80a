// `npm run bench:replicas`: slash-command ack throughput of the real bot on PostgreSQL — one replica, and two
// replicas behind a round-robin load balancer — against a bare Bolt app that only acks, all in one run, driven by
// the same load generator (`phase-load.ts`: signed commands, 50 in flight, the fake Slack Web API). Each replica is
// `startBot` in HTTP mode in a process of its own with a DATA_DIR of its own, on one schema holding BENCH_RECORDS
// (default 10,000) imported invoices; the commands are lookups of random ones. The server is BENCH_DATABASE_URL
// (default the machines' own test server); the schema is dropped afterwards.

import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '../src/lib/clocks.js';
import { importRecords } from '../src/services/import-records.js';
import { readCsvRows } from '../src/store/csv-file.js';
import { openPostgres } from '../src/store/postgres/open-postgres.js';
import { createPostgresInvoiceStore } from '../src/store/postgres/postgres-invoice-store.js';
import { type Replica, startReplica, startRoundRobinProxy } from '../test/helpers/replicas.js';
import { generate, syntheticId } from './generate.js';
import { round } from './stats.js';

const count = Number(process.env.BENCH_RECORDS ?? 10_000);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// The pid and a random part: never another run's schema (another worktree's, or one a crashed run left).
const schema = `bench_replicas_${process.pid}_${randomBytes(4).toString('hex')}`;
const REQUESTS = 2000;
const root = join(import.meta.dirname, '.data-replicas');
const now = new Date('2026-11-27T15:00:00+08:00');

await rm(root, { recursive: true, force: true });
await mkdir(root, { recursive: true });
console.log(
  `Invoice Desk replica benchmark: ${count.toLocaleString('en-US')} invoices in PostgreSQL on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}, ${REQUESTS} commands per run, 50 in flight`,
);
await generate(root, count);
const pool = await openPostgres({ url, schema });
const replicas: Replica[] = [];
const slack = fork(join(import.meta.dirname, 'phase-load.ts'), { execArgv: ['--import', 'tsx'] });
try {
  const store = createPostgresInvoiceStore(pool);
  for (const source of ['ledger', 'tax'] as const) {
    const imported = await importRecords(
      { store, clock: createManualClock(now), zone: 'Asia/Shanghai' },
      { source, file: `${source}.csv`, rows: readCsvRows(join(root, `${source}.csv`)) },
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.error).slice(0, 500));
  }
  await pool.query('ANALYZE');

  const fakeUrl = await new Promise<string>((resolve) =>
    slack.once('message', (m: { fakeUrl: string }) => resolve(m.fakeUrl)),
  );
  const secret = 'bench-signing-secret';
  const pick = (k: number) => 1 + ((k * 2_654_435_761) % count);
  const texts = Array.from({ length: REQUESTS }, (_, k) => {
    const id = syntheticId(pick(k));
    return id.digital || `${id.code} ${id.number}`;
  });
  const loadRun = (target: string, answers: boolean, requests = REQUESTS) =>
    new Promise<Record<string, number>>((resolve) => {
      slack.once('message', resolve);
      slack.send({ url: target, secret, texts, requests, concurrency: 50, answers });
    });

  for (const i of [0, 1]) {
    const dataDir = join(root, `replica-${i}`);
    await mkdir(dataDir);
    replicas.push(
      await startReplica(
        {
          DATA_DIR: dataDir,
          DATABASE_URL: url,
          DATABASE_SCHEMA: schema,
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: `${fakeUrl}/api/`,
        },
        now,
      ),
    );
  }
  const direct = `http://127.0.0.1:${replicas[0]?.port}/slack/events`;
  const one = await startRoundRobinProxy(replicas.slice(0, 1).map((r) => r.port));
  const two = await startRoundRobinProxy(replicas.map((r) => r.port));
  const bare = fork(join(import.meta.dirname, 'phase-bare.ts'), { execArgv: ['--import', 'tsx'] });
  const bareUrl = await new Promise<string>((resolve) => {
    bare.once('message', (m: { url: string }) => resolve(m.url));
    bare.send({ secret, fakeUrl });
  });
  // Every target gets a discarded warm-up run first (connections, JIT, the pools' first connections).
  const runs: Record<string, Record<string, number>> = {};
  for (const [name, target, answers] of [
    ['bareBolt', bareUrl, false],
    ['oneReplica', direct, true],
    ['oneReplicaBehindProxy', `${one.url}/slack/events`, true],
    ['twoReplicasBehindProxy', `${two.url}/slack/events`, true],
  ] as const) {
    await loadRun(target, answers, 300);
    runs[name] = await loadRun(target, answers);
    const r = runs[name] ?? {};
    console.log(`${name}: ${r.repliesPerSecond} commands/s, ack p50 ${r.p50} ms, p99 ${r.p99} ms`);
  }
  bare.send({ stop: true });
  await one.close();
  await two.close();
  const bareRate = runs.bareBolt?.repliesPerSecond ?? 1;
  const ratio = (name: string) => round((runs[name]?.repliesPerSecond ?? 0) / bareRate);
  console.log(
    `relative to the bare Bolt app: one replica ${ratio('oneReplica')}×, one behind the proxy ${ratio('oneReplicaBehindProxy')}×, two behind the proxy ${ratio('twoReplicasBehindProxy')}×`,
  );
  console.log(JSON.stringify({ records: count, runs }));
} finally {
  slack.send({ stop: true });
  await Promise.all(replicas.map((r) => r.stop()));
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  await rm(root, { recursive: true, force: true });
}
