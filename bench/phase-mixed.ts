// Child process of `npm run bench -- mixed` (or run on its own: `npx tsx bench/phase-mixed.ts <DATA_DIR> <records>`):
// issue 11's mixed load. It plays Slack (the fake Web API and the signed requests), starts the real bot in its own
// process on DATA_DIR, probes `/healthz` at rest and then during the load, samples the bot's RSS, stops the bot and
// reconciles the stores with what was sent. Exits 1 on any error or discrepancy, after printing the figures.
//
// BENCH_SECONDS (60), BENCH_CONCURRENCY (50), BENCH_REST_SECONDS (BENCH_SECONDS: the /healthz probe at rest, as long as
// under load, so both p99s rest on as many probes; docs/benchmarks.md, 2026-12-03 health11), HTTP_CONCURRENCY
// (the bot's admission limit, passed through; 1000 = none for 50 users),
// BENCH_ESCALATION_MS (2500: one escalation pair this often), BENCH_CPU_PROF=1 (the bot writes a V8 CPU profile
// to bench/.prof/ when it stops). Linux only: RSS and CPU are read from /proc.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { runMixedTraffic } from './mixed-traffic.js';
import { probeHealth } from './probe-health.js';
import { readStoredState, reconcile } from './reconcile-mixed.js';
import { percentile, round } from './stats.js';

const [dataDir = '', countText = '0'] = process.argv.slice(2);
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const seconds = setting('BENCH_SECONDS', 60);
const concurrency = setting('BENCH_CONCURRENCY', 50);
const restSeconds = setting('BENCH_REST_SECONDS', seconds);
const escalationEveryMs = setting('BENCH_ESCALATION_MS', 2500);
const PROBE_EVERY_MS = 50;
// The at-rest window until 2026-12-03 (10 s, 200 probes), reported beside the figure for comparison with older runs.
const OLD_REST_PROBES = 200;
const RSS_EVERY_MS = 1000;
const secret = 'bench-signing-secret';
const financeLead = 'U0FIN';

// Whatever happens, the phase ends: a run that hangs is a failure, not a figure.
setTimeout(
  () => {
    process.stderr.write(`the mixed load did not finish within ${seconds + 300} s\n`);
    process.exit(1);
  },
  (seconds + 300) * 1000,
).unref();
const before = await readStoredState(dataDir);
const fake = await startFakeSlackApi();
const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(import.meta.dirname, '.prof')}`] : [];
// BENCH_NODE_FLAGS (as for `npm run bench`) reach the bot too, for experiments such as '--max-semi-space-size=64'.
const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const bot = fork(join(import.meta.dirname, 'mixed-bot.ts'), {
  // The bot's heap is left at Node's default size, as `npm start` runs it.
  execArgv: ['--import', 'tsx', '--expose-gc', ...flags, ...prof],
});
const botExited = new Promise<number | null>((resolve) => bot.once('exit', resolve));
const t0 = performance.now();
const port = await new Promise<number>((resolve, reject) => {
  bot.once('message', (m: { port: number }) => resolve(m.port));
  void botExited.then((code) => reject(new Error(`the bot exited (${code}) before it listened`)));
  bot.send({ dataDir, fakeUrl: fake.url, secret, financeLead });
});
const startSeconds = round((performance.now() - t0) / 1000);
const pid = bot.pid ?? 0;

// The bot's resident memory and CPU time (user + system, in clock ticks of 1/100 s) from /proc.
const rssOf = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
const cpuTicksOf = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
};

// The /healthz probe runs twice at once, each on a connection of its own, one probe at a time every PROBE_EVERY_MS:
// in a small process of its own (bench/health-probe.ts), as a load balancer's health check is — the figure — and, as
// before 2026-12-03, inside this process, where the load generator's busy event loop adds its own delays.
const healthUrl = `http://127.0.0.1:${port}/healthz`;
const prober = fork(join(import.meta.dirname, 'health-probe.ts'), { execArgv: ['--import', 'tsx'] });
await new Promise((resolve) => prober.once('message', resolve));
async function probeBothWays(until: () => boolean): Promise<{ ownProcess: number[]; inLoadGenerator: number[] }> {
  prober.send({ url: healthUrl, everyMs: PROBE_EVERY_MS });
  const inLoadGenerator = await probeHealth(healthUrl, PROBE_EVERY_MS, until);
  const ownProcess = await new Promise<number[]>((resolve, reject) => {
    prober.once('message', (m: { times?: number[]; error?: string }) =>
      m.times ? resolve(m.times) : reject(new Error(`the probe process failed: ${m.error}`)),
    );
    prober.send({ stop: true });
  });
  return { ownProcess, inLoadGenerator };
}
const summary = (times: number[]) => ({
  n: times.length,
  p50: round(percentile(times, 50)),
  p99: round(percentile(times, 99)),
  max: round(Math.max(...times)),
});

const restUntil = performance.now() + restSeconds * 1000;
const atRest = await probeBothWays(() => performance.now() > restUntil);

await new Promise((resolve) => {
  bot.once('message', resolve);
  bot.send({ load: true });
});
const rss: number[] = [rssOf()];
const sampler = setInterval(() => rss.push(rssOf()), RSS_EVERY_MS);
const loadBefore = loadavg()[0] ?? 0;
const cpuBefore = cpuTicksOf();
const ownCpuBefore = process.cpuUsage();
const loadStart = performance.now();
let loadDone = false;
const [sent, duringLoad] = await Promise.all([
  runMixedTraffic({
    url: `http://127.0.0.1:${port}/slack/events`,
    secret,
    fake,
    records: Number(countText),
    seconds,
    concurrency,
    escalationEveryMs,
    financeLead,
    escalated: new Set(before.escalations.map((e) => e.invoiceKey)),
  }).finally(() => {
    loadDone = true;
  }),
  probeBothWays(() => loadDone),
]);
const wall = (performance.now() - loadStart) / 1000;
const botCpuPercent = Math.round((cpuTicksOf() - cpuBefore) / wall);
const ownCpu = process.cpuUsage(ownCpuBefore);
// The load generator and the fake Slack share this process: if it were near 100 %, it would set the pace.
const loadGeneratorCpuPercent = Math.round((ownCpu.user + ownCpu.system) / 10_000 / wall);
clearInterval(sampler);
rss.push(rssOf());
const loadAfter = loadavg()[0] ?? 0;

type Stopped = {
  logged: { warn: number; error: number; lines: string[] };
  eventLoopDelayMs: Record<string, number>;
  turnCpuMs: Record<string, number>;
  liveHeapMiB: Record<string, number>;
  admission: unknown;
  rememberedSignatures?: number;
};
prober.kill();
const { logged, eventLoopDelayMs, turnCpuMs, liveHeapMiB, admission, rememberedSignatures } =
  await new Promise<Stopped>((resolve) => {
    bot.once('message', resolve);
    bot.send({ stop: true });
  });
await botExited;
await fake.close();
const after = await readStoredState(dataDir);
const problems = [
  ...sent.errors.slice(0, 20).map((e) => `error: ${e}`),
  ...(logged.error + logged.warn > 0 ? [`the bot logged ${logged.error} errors and ${logged.warn} warnings`] : []),
  ...logged.lines.map((l) => `bot log: ${l}`),
  ...reconcile(sent, before, after),
];

// Stable: after a first third of warming up (code compiled, heap grown to its working size), the highest RSS of the
// last third is within 5 % of the highest of the middle third. Two things grow through any run by design, and are
// reported beside the verdict rather than subtracted from it: the replay guard's window (11 minutes of signatures,
// longer than the run) and the walk-throughs the load stores (one new user each, kept until pruned after
// walkthroughKeepDays). What each costs, from heap snapshots: docs/benchmarks.md (2026-12-03, health).
const third = Math.max(1, Math.floor(rss.length / 3));
const middleThirdMax = Math.max(...rss.slice(third, 2 * third));
const lastThirdMax = Math.max(...rss.slice(-third));
const { clickAnswer: _, ...acks } = sent.latencies;
const requests = Object.values(acks).reduce((n, l) => n + l.length, 0);
const health = (rest: number[], load: number[]) => {
  const [r, l] = [summary(rest), summary(load)];
  return { atRest: r, duringLoad: l, p99Ratio: round(l.p99 / r.p99), met: l.p99 <= 2 * r.p99 };
};
const report = {
  records: Number(countText),
  seconds: round(wall),
  concurrency,
  botStartSeconds: startSeconds,
  loadAverage1m: { before: round(loadBefore), after: round(loadAfter) },
  requests,
  requestsPerSecond: Math.round(requests / wall),
  botCpuPercent,
  loadGeneratorCpuPercent,
  botEventLoopDelayMs: eventLoopDelayMs,
  // CPU (all the bot's threads) per turn of its event loop: what a probe would wait on a machine of its own.
  botTurnCpuMs: turnCpuMs,
  byKind: Object.fromEntries(Object.entries(sent.latencies).map(([kind, times]) => [kind, summary(times)])),
  sent: {
    lookups: sent.lookups,
    finds: sent.finds,
    walkThroughs: sent.walkThroughs.length,
    clicks: sent.walkThroughs.reduce((n, w) => n + w.clicks, 0),
    solved: sent.walkThroughs.filter((w) => w.solved).length,
    escalations: sent.escalations.length * 2,
  },
  errors: sent.errors.length,
  botWarnings: logged.warn,
  botErrors: logged.error,
  discrepancies: problems.length,
  // The figure: probed from a process of its own. Beside it, the same probe from inside the load generator.
  healthz: health(atRest.ownProcess, duringLoad.ownProcess),
  healthzFromLoadGenerator: health(atRest.inLoadGenerator, duringLoad.inLoadGenerator),
  // The figure as measured before 2026-12-03 (health11): the same probes, the at-rest p99 from the first 200 alone.
  healthzRestFirst200: health(atRest.ownProcess.slice(0, OLD_REST_PROBES), duringLoad.ownProcess),
  // The bot's admission gate during the load: requests admitted, how many waited for their turn and how long.
  admission,
  rssMiB: {
    start: rss[0],
    min: Math.min(...rss),
    max: Math.max(...rss),
    end: rss.at(-1),
    middleThirdMax,
    lastThirdMax,
    samples: rss.length,
    // RSS over time: every 10th sample (one per 10 s), from the start of the load.
    every10s: rss.filter((_, i) => i % 10 === 0),
    stable: lastThirdMax <= middleThirdMax * 1.05,
    // What grew for the whole run by design (see above): signatures in the replay window, walk-throughs stored.
    grewByDesign: { rememberedSignatures, walkThroughsStored: sent.walkThroughs.length },
  },
  liveHeapMiB,
  // Signatures the replay guard holds at the end: every request of the run, since its window (11 min) is longer.
  rememberedSignatures,
};
for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(problems.length > 0 ? 1 : 0);
