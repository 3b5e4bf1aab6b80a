// Child process: cold-loads the imported DATA_DIR, then times lookups, near matches, `find`, and slash commands
// through the real Bolt HTTP receiver (signed requests, fake Web API) at 50 concurrent requests.
import { loadConfig } from '../src/config.js';
import { extractIds } from '../src/domain/extract-ids.js';
import { DiagnosisSettings } from '../src/domain/settings.js';
import { createConversation } from '../src/flows/conversation.js';
import { createManualClock } from '../src/lib/clocks.js';
import { lookUpInvoice } from '../src/services/look-up-invoice.js';
import { createRoles } from '../src/services/roles.js';
import { createSlackApp } from '../src/slack/app.js';
import { createJsonLogger } from '../src/slack/json-logger.js';
import { createLowdbInvoiceStore } from '../src/store/lowdb-invoice-store.js';
import { createMemoryDedupeStore, createMemoryPrefsStore } from '../src/store/memory-state-stores.js';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { FORM, postSigned, slashCommand } from '../test/helpers/slack-requests.js';
import { syntheticId } from './generate.js';
import { percentile, round, rssMiB, timeEach } from './stats.js';

const [dataDir = '', countText = '0'] = process.argv.slice(2);
const count = Number(countText);
const SAMPLES = 20_000;

const t0 = performance.now();
const store = await createLowdbInvoiceStore(dataDir);
const loadSeconds = (performance.now() - t0) / 1000;
(globalThis as { gc?: () => void }).gc?.();
const rssAfterLoad = rssMiB();

const clock = createManualClock(new Date('2026-11-27T15:00:00+08:00'));
const lookupDeps = {
  store,
  windows: { windows: () => [] },
  clock,
  settings: DiagnosisSettings.parse({}),
  zone: 'Asia/Shanghai',
};
const now = clock.now();
const pick = (k: number) => 1 + ((k * 2_654_435_761) % count);
const text = (i: number) => {
  const id = syntheticId(i);
  return id.digital || `${id.code} ${id.number}`;
};
const exactInputs = Array.from({ length: SAMPLES }, (_, k) => text(pick(k)));
// A typing slip: the last two digits swapped, or (when they are equal) one digit changed.
const slip = (s: string) =>
  s.at(-1) !== s.at(-2) ? `${s.slice(0, -2)}${s.at(-1)}${s.at(-2)}` : `${s.slice(0, -1)}${(Number(s.at(-1)) + 5) % 10}`;
const nearInputs = exactInputs
  .filter((s) => s.length === 20)
  .map(slip)
  .filter((s) => !store.has({ kind: 'digital', number: s }));

const exact = timeEach(exactInputs, (s) =>
  lookUpInvoice(lookupDeps, extractIds(s, now)[0] ?? { raw: s, problems: [] }),
);
const near = timeEach(nearInputs.slice(0, 5000), (s) => {
  const result = lookUpInvoice(lookupDeps, extractIds(s, now)[0] ?? { raw: s, problems: [] });
  if (result.diagnosis.cause !== 'not_found' || result.diagnosis.nearMatches.length === 0)
    throw new Error(`no near match for ${s}`);
});
const findByAmount = timeEach(
  Array.from(
    { length: 2000 },
    (_, k) => 10_000 + ((pick(k) * 37) % 9_000_000) + Math.round((10_000 + ((pick(k) * 37) % 9_000_000)) * 0.06),
  ),
  (total) => store.find({ total }, 11),
);
const findByDayAndName = timeEach(
  Array.from({ length: 500 }, (_, k) => k),
  (k) => store.find({ dayFrom: '2026-03-01', dayTo: '2026-03-07', name: `示例客户${k % 500}有` }, 11),
);
const findByName = timeEach(
  Array.from({ length: 200 }, (_, k) => k),
  (k) => store.find({ name: `客户${k}有限` }, 11),
);

// Slash commands through the real HTTP receiver.
const fake = await startFakeSlackApi();
const secret = 'bench-signing-secret';
const config = {
  ...loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: `${fake.url}/api/` }),
  port: 0,
};
const conversation = createConversation({ lookup: lookupDeps, prefs: createMemoryPrefsStore(), defaultLanguage: 'en' });
const silent = createJsonLogger(() => {});
const { app, receiver } = createSlackApp(
  config,
  {
    conversation,
    roleOf: createRoles({ admins: [], financeLeads: [] }),
    dedupe: createMemoryDedupeStore(),
    clock,
    language: 'en',
    health: () => ({}),
  },
  silent,
);
const server = (await app.start(0)) as unknown as { address(): { port: number } };
const url = `http://127.0.0.1:${server.address().port}/slack/events`;
void receiver;
const REQUESTS = 2000;
const CONCURRENCY = 50;
const acks: number[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const k = next++;
      const t = performance.now();
      const res = await postSigned(
        url,
        slashCommand(exactInputs[k % exactInputs.length] ?? '', `${fake.url}/response/${k}`),
        FORM,
        secret,
      );
      acks.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    }
  }),
);
await fake.waitFor('response_url', REQUESTS);
await app.stop();
await fake.close();

process.stdout.write(
  `${JSON.stringify({
    records: store.counts(),
    loadSeconds: round(loadSeconds),
    rssAfterLoadMiB: rssAfterLoad,
    exactLookupMs: exact,
    nearMatchMs: near,
    findByAmountMs: findByAmount,
    findByWeekAndNameMs: findByDayAndName,
    findByNameMs: findByName,
    httpAckMs: {
      p50: round(percentile(acks, 50)),
      p99: round(percentile(acks, 99)),
      n: acks.length,
      concurrency: CONCURRENCY,
    },
  })}\n`,
);
process.exit(0);
