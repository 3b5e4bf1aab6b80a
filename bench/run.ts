// `npm run bench`: generates BENCH_RECORDS (default 1,000,000) synthetic ledger rows and their tax counterparts,
// imports them, and measures load, lookups, near matches, find, and the HTTP slash-command round trip — beside a
// bare Bolt app that only acks, on the same machine and fake Slack, so the ratio to the limit comes from one run.
// Each phase runs in its own process so memory figures are not inflated by the previous phase.
// `npm run bench -- mixed` runs issue 11's mixed load (bench/phase-mixed.ts) instead of the query phase after the
// import; `npm run bench -- query mixed` runs both on one import.
import { spawnSync } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { generate } from './generate.js';

const count = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const PHASES = ['query', 'mixed'];
const phases = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['query'];
const unknown = phases.filter((p) => !PHASES.includes(p));
if (unknown.length > 0) throw new Error(`unknown phase ${unknown.join(', ')}: use ${PHASES.join(' and/or ')}`);
// Extra V8 flags for experiments, e.g. BENCH_NODE_FLAGS='--max-semi-space-size=64'.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const root = join(import.meta.dirname, '.data');
const dataDir = join(root, 'data');
await rm(root, { recursive: true, force: true });
await mkdir(dataDir, { recursive: true });

function phase(script: string, args: string[]): Record<string, unknown> {
  const run = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=8192',
      ...NODE_FLAGS,
      '--import',
      'tsx',
      join(import.meta.dirname, script),
      ...args,
    ],
    // stderr passes through: a failing phase says why as it goes.
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const figures = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0) throw new Error(`${script} failed (exit ${run.status}); its last line: ${figures}`);
  return JSON.parse(figures) as Record<string, unknown>;
}

console.log(
  `Invoice Desk benchmark: ${count.toLocaleString('en-US')} ledger records on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}`,
);
let t = performance.now();
await generate(root, count);
console.log(`generate: ${Math.round(performance.now() - t) / 1000} s`);
t = performance.now();
const imported = phase('phase-import.ts', [root, dataDir]);
console.log('import:', JSON.stringify(imported));
if (phases.includes('query')) {
  const queried = phase('phase-query.ts', [dataDir, String(count)]);
  console.log('query:', JSON.stringify(queried, null, 2));
  const bot = queried.httpAckMs as Record<string, number>;
  const bare = queried.bareBoltAckMs as Record<string, number>;
  const ratio = queried.vsBareBolt as Record<string, number>;
  console.log(
    `slash commands at 50 concurrent — bot: ${bot.repliesPerSecond}/s, p99 ${bot.p99} ms, ${bot.cpuMsPerCommand} ms CPU each (main thread ${bot.mainThreadCpuMs}, other threads ${bot.otherThreadsCpuMs}; ${bot.answeredInAck} answered in the ack); bare Bolt: ${bare.repliesPerSecond}/s, p99 ${bare.p99} ms, ${bare.cpuMsPerCommand} ms CPU each (main thread ${bare.mainThreadCpuMs}, other threads ${bare.otherThreadsCpuMs}); throughput ${ratio.throughputRatio}× (target ≥ 0.8), p99 ${ratio.p99Ratio}× (target ≤ 1.5), CPU per command ${ratio.cpuPerCommandRatio}×`,
  );
}
if (phases.includes('mixed')) {
  const mixed = phase('phase-mixed.ts', [dataDir, String(count)]);
  console.log('mixed:', JSON.stringify(mixed, null, 2));
  const health = mixed.healthz as { atRest: { p99: number }; duringLoad: { p99: number }; met: boolean };
  const rss = mixed.rssMiB as { middleThirdMax: number; lastThirdMax: number; stable: boolean };
  console.log(
    `mixed load: ${mixed.requests} requests in ${mixed.seconds} s at ${mixed.concurrency} concurrent, ${mixed.errors} errors, ${mixed.discrepancies} discrepancies; /healthz p99 ${health.atRest.p99} ms at rest, ${health.duringLoad.p99} ms under load (target ≤ 2×: ${health.met ? 'met' : 'missed'}); RSS ${rss.middleThirdMax} → ${rss.lastThirdMax} MiB (middle → last third) (${rss.stable ? 'stable' : 'growing'})`,
  );
}
if (!process.env.BENCH_KEEP) await rm(root, { recursive: true, force: true });
