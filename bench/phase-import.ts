// Child process: imports the generated ledger and tax files into a fresh DATA_DIR and reports throughput and the
// longest event-loop stall, as a running bot would feel it. The files are read and checked on a worker thread, as
// `npm run import` and a sync do (`readRows`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { createManualClock } from '../src/lib/clocks.js';
import type { ImportRows } from '../src/ports.js';
import { importRecords } from '../src/services/import-records.js';
import { createLowdbInvoiceStore } from '../src/store/lowdb-invoice-store.js';
import { readRows } from '../src/store/read-rows.js';
import { rssMiB } from './stats.js';
import { threadCpuMs } from './thread-cpu.js';

const [dir = '', dataDir = ''] = process.argv.slice(2);
const store = await createLowdbInvoiceStore(dataDir);
const clock = createManualClock(new Date('2026-11-27T07:00:00Z'));
const results: Record<string, unknown> = {};
// What a running bot's sync keeps while its next file imports: each import's summary, the keys it touched included,
// stays in the sync's report (and those keys in its list of touched invoices) until the sync ends. Kept here too, so
// the tax import runs beside what it would run beside in the bot; V8 happened to keep the ledger's result alive
// anyway (its register in this async module is only overwritten when the next import returns), now it is on purpose.
const summaries: unknown[] = [];
// Full collections (mark-compact) during each import: how many, their longest and total pause on the main thread.
const majors: Array<{ at: number; ms: number }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries() as Array<PerformanceEntry & { detail?: { kind?: number } }>)
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      majors.push({ at: entry.startTime, ms: entry.duration });
}).observe({ entryTypes: ['gc'] });
// Each thread's CPU so far, read every 200 ms and kept after the thread ends: the import worker stops 5 s after its
// last batch, before a 1M import ends, and its thread is gone from /proc when the import's figures are read (so
// `otherCpuMsPer100k` leaves it out then). The busiest thread besides the main one during an import is its worker.
const threadMs = new Map<string, number>();
function readThreads(): void {
  for (const task of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threadMs.set(task, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // Ended between the listing and the read: its last reading stays.
    }
  }
}
const onLinux = existsSync('/proc/self/task');
if (onLinux) setInterval(readThreads, 200).unref();
const windows: Array<{ source: string; from: number; to: number }> = [];
for (const source of ['ledger', 'tax'] as const) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  if (onLinux) readThreads();
  const threads0 = new Map(threadMs);
  const cpu0 = threadCpuMs();
  const t0 = performance.now();
  const result = await importRecords(
    { store, clock, zone: 'Asia/Shanghai' },
    { source, file: `${source}.csv`, rows: readRows(`${dir}/${source}.csv`) as ImportRows },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = threadCpuMs();
  if (onLinux) readThreads();
  const busiest = Math.max(
    0,
    ...[...threadMs]
      .filter(([task]) => task !== String(process.pid))
      .map(([task, ms]) => ms - (threads0.get(task) ?? 0)),
  );
  delay.disable();
  if (!result.ok) throw new Error(JSON.stringify(result.error).slice(0, 500));
  windows.push({ source, from: t0, to: t0 + seconds * 1000 });
  summaries.push(result.value);
  results[source] = {
    rows: result.value.rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSecond: Math.round(result.value.rows / seconds),
    maxStallMs: Math.round(delay.max / 1e6),
    p99StallMs: Math.round(delay.percentile(99) / 1e6),
    p50StallMs: Math.round(delay.percentile(50) / 1e6),
    // CPU per 100k rows, by thread (the import worker is among the other threads, with V8's helpers): wall time on
    // a shared machine is noisy, CPU time much less so.
    ...(cpu0 && cpu1
      ? {
          mainCpuMsPer100k: Math.round(((cpu1.main - cpu0.main) * 100_000) / result.value.rows),
          otherCpuMsPer100k: Math.round(((cpu1.others - cpu0.others) * 100_000) / result.value.rows),
          workerCpuMsPer100k: Math.round((busiest * 100_000) / result.value.rows),
        }
      : {}),
  };
}
// The observer hears of a collection a little after it: waited for after both imports, not between them.
await new Promise((resolve) => setTimeout(resolve, 100));
for (const { source, from, to } of windows) {
  const full = majors.filter((m) => m.at >= from && m.at <= to).map((m) => m.ms);
  Object.assign(results[source] as object, {
    markCompacts: full.length,
    markCompactMaxMs: Math.round(Math.max(0, ...full)),
    markCompactTotalMs: Math.round(full.reduce((a, b) => a + b, 0)),
  });
}
results.rssMiB = rssMiB();
results.summariesKept = summaries.length;
process.stdout.write(`${JSON.stringify(results)}\n`);
