// Forked by phase-mixed: the real bot, as `npm start` composes it (startBot: lowdb stores, JSONL audit log and
// dedupe log, the scheduler's tick every 30 s, the start-up warm-up), in HTTP mode on the bench's DATA_DIR, talking
// to the load generator's fake Slack. Its clock runs at real speed from a fixed working-day morning, before the
// daily jobs' hour, so the run measures requests and the SLA tick, not a backup of a million records.
import { join } from 'node:path';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '../src/config.js';
import { startBot } from '../src/main.js';

type Start = { dataDir: string; fakeUrl: string; secret: string; financeLead: string };

/** Friday 2026-11-27 08:30 in Beijing: a working day, after the synthetic invoices' last issue day. */
const START = Date.parse('2026-11-27T08:30:00+08:00');

process.once('message', async ({ dataDir, fakeUrl, secret, financeLead }: Start) => {
  const offset = START - Date.now();
  const clock = { now: () => new Date(Date.now() + offset) };
  const logged = { warn: 0, error: 0, lines: [] as string[] };
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench-mixed',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: `${fakeUrl}/api/`,
    DATA_DIR: dataDir,
    FINANCE_LEADS: financeLead,
    // Passed through, to measure the admission gate's limit (HTTP_CONCURRENCY=1000: no limit for 50 users).
    HTTP_CONCURRENCY: process.env.HTTP_CONCURRENCY,
  });
  const bot = await startBot(
    { ...config, port: 0 },
    {
      clock,
      log: (line) => {
        const { level } = JSON.parse(line) as { level: string };
        if (level !== 'warn' && level !== 'error') return;
        logged[level] += 1;
        if (logged.lines.length < 20) logged.lines.push(line);
      },
    },
  );
  process.send?.({ port: bot.port });
  // How long the event loop was held up while the load ran: what every request (and /healthz) waited at least.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  // The bot's CPU time (all its threads) from one turn of the event loop to the next, as a 1-ms timer sees them: on
  // a quiet machine a probe waits at most about one turn, and unlike the wall-clock delay above this does not grow
  // while the machine's other tenants hold the cores, so it compares two versions of the bot measured minutes apart.
  const turnCpu = createHistogram();
  let turnsOn = false;
  let cpuAt = 0;
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const everyTurn = () => {
    if (!turnsOn) return;
    const cpu = cpuNow();
    turnCpu.record(Math.max(1, cpu - cpuAt));
    cpuAt = cpu;
    setTimeout(everyTurn, 1);
  };
  // The live heap after a full collection, before and after the load: RSS alone cannot tell a leak from garbage a
  // busy process has not collected yet (forked with --expose-gc for this).
  const collect = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return Math.round(process.memoryUsage().heapUsed / 1_048_576);
  };
  // BENCH_HEAP_SNAPSHOT=<dir>: a heap snapshot after the full collection before the load and after the one at its
  // end, to tell what the live heap gained (slow: seconds per snapshot, outside the measured load).
  const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT;
  const snapshot = (name: string) => snapshotDir && writeHeapSnapshot(join(snapshotDir, `${name}.heapsnapshot`));
  let heapBefore = 0;
  process.on('message', async (m: { load?: boolean; stop?: boolean }) => {
    if (m.load) {
      heapBefore = collect();
      snapshot('before-load');
      bot.admission?.();
      delay.enable();
      turnsOn = true;
      cpuAt = cpuNow();
      setTimeout(everyTurn, 1);
      process.send?.({ ready: true });
    }
    if (!m.stop) return;
    delay.disable();
    turnsOn = false;
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    const eventLoopDelayMs = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
    const us = (n: number) => Math.round(n / 100) / 10;
    const turnCpuMs = {
      p50: us(turnCpu.percentile(50)),
      p90: us(turnCpu.percentile(90)),
      p99: us(turnCpu.percentile(99)),
      max: us(turnCpu.max),
    };
    const heapUsed = Math.round(process.memoryUsage().heapUsed / 1_048_576);
    const liveHeapMiB = { beforeLoad: heapBefore, atEnd: heapUsed, afterFullGc: collect() };
    snapshot('after-load');
    const admission = bot.admission?.();
    const rememberedSignatures = bot.rememberedSignatures?.();
    // Stops as `npm start` does on SIGTERM: the audit log flushed and closed, the data lock released.
    await bot.stop();
    process.send?.({ logged, eventLoopDelayMs, turnCpuMs, liveHeapMiB, admission, rememberedSignatures }, () =>
      process.exit(0),
    );
  });
});
