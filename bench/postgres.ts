// `npm run bench:postgres`: the PostgreSQL invoice store at BENCH_RECORDS (default 1,000,000) ledger rows and their
// tax counterparts — import rows/s (`npm run import`'s path: parse, validate, one COPY transaction per file), then
// exact lookups, near-match lookups (diagnosis included, as `npm run bench` measures lowdb) and `find`. The server is
// BENCH_DATABASE_URL (default the machines' own test server); a schema of its own is dropped afterwards (kept with
// BENCH_KEEP=1). Besides wall time, each step prints Node's CPU (both threads: the import worker checks the file) and
// the CPU of the PostgreSQL backends serving it (from /proc: the server must run on this machine), because on a
// shared machine seconds mislead. The files are generated under BENCH_DIR (default bench/.data-postgres).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { extractIds } from '../src/domain/extract-ids.js';
import { DiagnosisSettings } from '../src/domain/settings.js';
import { createManualClock } from '../src/lib/clocks.js';
import type { ImportRows } from '../src/ports.js';
import { importRecords } from '../src/services/import-records.js';
import { lookUpInvoice } from '../src/services/look-up-invoice.js';
import { loadChinaCalendar } from '../src/store/china-calendar.js';
import { loadFilingTable } from '../src/store/filing-calendar-file.js';
import { openPostgres } from '../src/store/postgres/open-postgres.js';
import { createPostgresInvoiceStore } from '../src/store/postgres/postgres-invoice-store.js';
import { readRows } from '../src/store/read-rows.js';
import { startCpuProfile } from './cpu-profile.js';
import { generate, syntheticId } from './generate.js';
import { timeEach } from './stats.js';
import { threadCpuMs } from './thread-cpu.js';

const count = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// BENCH_SCHEMA names a schema a BENCH_KEEP=1 run left: its data is measured again without generating or importing.
const reuse = process.env.BENCH_SCHEMA;
// The pid and a random part: a schema an earlier BENCH_KEEP=1 run left (any worktree's) is never reused or dropped.
const schema = reuse ?? `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
const root = process.env.BENCH_DIR ?? join(import.meta.dirname, '.data-postgres');
await rm(root, { recursive: true, force: true });
await mkdir(root, { recursive: true });
console.log(
  `Invoice Desk PostgreSQL benchmark: ${count.toLocaleString('en-US')} ledger records on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}, schema ${schema}`,
);
if (!reuse) await generate(root, count);
const applicationName = `invoice-desk-bench-${process.pid}`;
const pool = await openPostgres({ url, schema, max: 10, applicationName });
// The CPU seconds each of this run's backends has used, as last seen: a connection the pool closed keeps its figure.
const backendTicks = new Map<number, number>();
async function backendCpuSeconds(): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
    applicationName,
  ]);
  for (const { pid } of rows) {
    try {
      // utime and stime, fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      backendTicks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Not on this machine, or gone already.
    }
  }
  let ticks = 0;
  for (const t of backendTicks.values()) ticks += t;
  return ticks / 100;
}
// CPU seconds of Node and of the backends spent in `step`, printed after its own line.
async function measured<T>(step: () => Promise<T>): Promise<{ value: T; seconds: number; cpu: string }> {
  const t0 = performance.now();
  const node0 = process.cpuUsage();
  const pg0 = await backendCpuSeconds();
  const threads0 = threadCpuMs();
  const value = await step();
  const threads1 = threadCpuMs();
  const seconds = (performance.now() - t0) / 1000;
  const node = process.cpuUsage(node0);
  const pg = (await backendCpuSeconds()) - pg0;
  // The bot's own thread apart from the rest (the import worker, V8's and libuv's threads), where Linux says: the
  // process's total less the main thread's, since a thread that ended (a worker) no longer shows in /proc.
  const nodeSeconds = (node.user + node.system) / 1e6;
  const main = threads0 && threads1 ? (threads1.main - threads0.main) / 1000 : undefined;
  const split =
    main === undefined ? '' : ` (main thread ${main.toFixed(1)} s, other threads ${(nodeSeconds - main).toFixed(1)} s)`;
  return {
    value,
    seconds,
    cpu: `Node CPU ${nodeSeconds.toFixed(1)} s${split}, PostgreSQL backend CPU ${pg.toFixed(1)} s`,
  };
}
try {
  const store = createPostgresInvoiceStore(pool);
  const clock = createManualClock(new Date('2026-11-27T15:00:00+08:00'));
  for (const source of reuse ? [] : (['ledger', 'tax'] as const)) {
    // `npm run import`'s path: the file is checked on the import worker thread, then its records are streamed in.
    const {
      value: result,
      seconds,
      cpu,
    } = await measured(() =>
      importRecords(
        { store, clock, zone: 'Asia/Shanghai' },
        { source, file: `${source}.csv`, rows: readRows(join(root, `${source}.csv`)) as ImportRows },
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error).slice(0, 500));
    console.log(
      `import ${source}: ${result.value.rows} rows in ${seconds.toFixed(1)} s = ${Math.round(result.value.rows / seconds)} rows/s (target ≥ 50,000); ${cpu}`,
    );
  }
  // What autovacuum does on a server where it is on (the default; this machine's test server has it off): the tax
  // import rewrote most rows, and without this every `find` would read each invoice's dead version too.
  const v0 = performance.now();
  if (!reuse) await pool.query('VACUUM (ANALYZE) invoices, invoice_ids, invoice_names, invoice_name_refs');
  console.log(`VACUUM (ANALYZE) after the imports: ${((performance.now() - v0) / 1000).toFixed(1)} s`);
  const deps = {
    store,
    windows: { windows: async () => [] },
    clock,
    settings: DiagnosisSettings.parse({}),
    zone: 'Asia/Shanghai',
    calendar: await loadChinaCalendar(root),
    filing: await loadFilingTable(root),
  };
  const now = clock.now();
  const mention = (s: string) => extractIds(s, now)[0] ?? { raw: s, problems: [] };
  const pick = (k: number) => 1 + ((k * 2_654_435_761) % count);
  // As many exact lookups as the lowdb bench times (bench/phase-query.ts), so the two p99s are read the same way:
  // with 5,000, the first few dozen lookups (V8 compiling the lookup path) were the whole 1 % tail.
  const ids = Array.from({ length: 20_000 }, (_, k) => syntheticId(pick(k)));
  // BENCH_CPU_PROF=1: a CPU profile of the exact lookups alone (bench/.prof/postgres-lookups.cpuprofile).
  const stopProfile = await startCpuProfile('postgres-lookups');
  const { value: exact, cpu: exactCpu } = await measured(() =>
    timeEach(
      ids.map((id) => id.digital || `${id.code} ${id.number}`),
      (s) => lookUpInvoice(deps, mention(s)),
    ),
  );
  await stopProfile();
  console.log(
    `exact lookup (diagnosis included): p50 ${exact.p50} ms, p99 ${exact.p99} ms (target ≤ 2 ms); ${exact.n} lookups: ${exactCpu}`,
  );
  // The same ids once more through the store alone (one round trip each, no diagnosis): whether the lookup's tail is
  // the bot's own work or the round trip to the server. Not a target; it only says where to look.
  const parsed = ids.map((id) => mention(id.digital || `${id.code} ${id.number}`).id).filter((id) => id !== undefined);
  const { value: bare, cpu: bareCpu } = await measured(() => timeEach(parsed, (id) => store.lookup?.(id)));
  console.log(`  the store's one query alone: p50 ${bare.p50} ms, p99 ${bare.p99} ms; ${bare.n} queries: ${bareCpu}`);
  // A typing slip that names no invoice: the 20-digit id with its 13th digit changed (outside the synthetic range).
  const slips = ids.filter((id) => id.digital).map((id) => `${id.digital.slice(0, 12)}9${id.digital.slice(13)}`);
  const near = await timeEach(slips.slice(0, 2000), async (s) => {
    const result = await lookUpInvoice(deps, mention(s));
    if (result.diagnosis.cause !== 'not_found' || result.diagnosis.nearMatches.length === 0)
      throw new Error(`no near match for ${s}`);
  });
  console.log(`near-match lookup: p50 ${near.p50} ms, p99 ${near.p99} ms (target ≤ 10 ms)`);
  const finds = {
    amount: await timeEach(
      // The generator's totals: an amount and 6 % tax on it, in fen.
      Array.from({ length: 1000 }, (_, k) => 10_000 + ((pick(k) * 37) % 9_000_000)).map(
        (a) => a + Math.round(a * 0.06),
      ),
      (total) => store.find({ total }, 10),
    ),
    weekAndName: await timeEach(
      Array.from({ length: 300 }, (_, k) => k),
      (k) => store.find({ dayFrom: '2026-03-01', dayTo: '2026-03-07', name: `示例客户${k % 500}有` }, 10),
    ),
    name: await timeEach(
      Array.from({ length: 200 }, (_, k) => k),
      (k) => store.find({ name: `客户${k}有限` }, 10),
    ),
  };
  for (const [name, t] of Object.entries(finds))
    console.log(`find by ${name}: p50 ${t.p50} ms, p99 ${t.p99} ms (target ≤ 20 ms)`);
} finally {
  if (!process.env.BENCH_KEEP && !reuse) await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  await rm(root, { recursive: true, force: true });
}
