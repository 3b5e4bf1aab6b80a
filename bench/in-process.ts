// `npx tsx bench/in-process.ts DATA_DIR RECORDS`: CPU time per `/invoice <id>` inside one process, the bot's app
// against a bare Bolt app that only acks, each given the parsed command through `app.processEvent` (everything Bolt
// and the bot do after the receiver has read and verified the request), 50 in flight. No HTTP, no load generator:
// the figure moves far less with the machine's other tenants than the HTTP run's pace does. The two apps alternate
// ROUNDS times (default 4) after a warm-up of as many commands as a round; the minimum and median per app are
// printed, with the load average. DATA_DIR is an imported data folder (BENCH_KEEP=1 npm run bench keeps one in
// bench/.data/data).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadavg } from 'node:os';
import { parse } from 'node:querystring';
import { App, LogLevel } from '@slack/bolt';
import { createManualClock } from '../src/lib/clocks.js';
import { carryResponses, jsonAnswerProperties } from '../src/slack/json-answers.js';
import { warmUp } from '../src/slack/warm-up.js';
import { loadChinaCalendar } from '../src/store/china-calendar.js';
import { loadFilingTable } from '../src/store/filing-calendar-file.js';
import { createLowdbInvoiceStore } from '../src/store/lowdb-invoice-store.js';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { slashCommand } from '../test/helpers/slack-requests.js';
import { createBenchBot } from './bench-bot.js';
import { syntheticId } from './generate.js';
import { percentile, round } from './stats.js';

const [dataDir = 'bench/.data/data', countText = '20000'] = process.argv.slice(2);
const count = Number(countText);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 3000);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CONCURRENCY = 50;

const fake = await startFakeSlackApi();
const store = await createLowdbInvoiceStore(dataDir);
const { ledger } = await store.counts();
if (ledger < count)
  throw new Error(`${dataDir} holds ${ledger} ledger records, not ${count}: import them first (BENCH_KEEP=1)`);
const clock = createManualClock(new Date('2026-11-27T15:00:00+08:00'));
const { app: bot, conversation } = await createBenchBot({
  store,
  clock,
  calendar: await loadChinaCalendar(dataDir),
  filing: await loadFilingTable(dataDir),
  secret: 'bench-signing-secret',
  fakeUrl: fake.url,
});
const bare = new App({
  token: 'xoxb-bench-bare',
  signingSecret: 'bench-signing-secret',
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: `${fake.url}/api/` },
  convoStore: false,
});
bare.command('/invoice', async ({ ack }) => {
  await ack();
});
// The warm-up `startBot` does before it starts listening.
await warmUp(conversation);

// The same invoices the HTTP run asks for, parsed as the receiver parses a form body.
const pick = (k: number) => 1 + ((k * 2_654_435_761) % count);
const bodies = Array.from({ length: 2000 }, (_, k) => {
  const id = syntheticId(pick(k));
  return parse(slashCommand(id.digital || `${id.code} ${id.number}`, `${fake.url}/response/${k}`));
});

// What the HTTP receiver puts in every request's context (src/slack/app.ts): the response, which lets a slash
// command ack with JSON it wrote itself. Here a response that only takes the header.
const request = {} as IncomingMessage;
carryResponses(() => {})(request, { setHeader: () => {} } as unknown as ServerResponse);
const customProperties = jsonAnswerProperties(request);

let answered = 0;
async function run(app: App): Promise<number> {
  let next = 0;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COMMANDS) {
        const k = next++;
        await app.processEvent({
          body: bodies[k % bodies.length] as never,
          // Bolt's HTTP receiver serialises an ack's body the same way (a string as it is).
          ack: async (response?: unknown) => {
            const body = typeof response === 'string' ? response : JSON.stringify(response);
            if (response !== undefined && body.includes('"blocks"')) answered += 1;
          },
          retryNum: undefined,
          retryReason: undefined,
          customProperties,
        });
      }
    }),
  );
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1000 / COMMANDS;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
await run(bare);
await run(bot);
answered = 0;
const ms: Record<'bot' | 'bare', number[]> = { bot: [], bare: [] };
const load = [loadavg()[0] ?? 0];
for (let r = 0; r < ROUNDS; r++) {
  gc();
  ms.bare.push(await run(bare));
  gc();
  ms.bot.push(await run(bot));
  load.push(loadavg()[0] ?? 0);
}
if (answered !== ROUNDS * COMMANDS) throw new Error(`${ROUNDS * COMMANDS - answered} commands not answered in the ack`);
const figures = (list: number[]) => ({ min: round(Math.min(...list)), median: round(percentile(list, 50)) });
console.log(
  JSON.stringify({
    records: count,
    commandsPerRound: COMMANDS,
    rounds: ROUNDS,
    cpuMsPerCommand: { bot: figures(ms.bot), bare: figures(ms.bare) },
    loadAverage1m: { min: round(Math.min(...load)), max: round(Math.max(...load)) },
  }),
);
await fake.close();
process.exit(0);
