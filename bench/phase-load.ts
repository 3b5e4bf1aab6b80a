// Forked by phase-query: plays Slack. It runs the fake Web API (so any reply to a response_url lands here, not in
// the bot's own process) and fires signed slash commands, 50 at a time, timing each ack. It serves one run per
// message (the bot, then the bare Bolt app) and exits on `{ stop: true }`.

import { startFakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { FORM, slackSignature, slashCommand } from '../test/helpers/slack-requests.js';
import { post } from './http-client.js';
import { percentile, round } from './stats.js';

// The first requests open 50 connections at once and run code paths for the first time.
const WARM_UP = 100;

type Start = {
  url: string;
  secret: string;
  texts: string[];
  requests: number;
  concurrency: number;
  /** Whether every command gets an answer (in its ack or through response_url), as the bot's do; the bare app's not. */
  answers: boolean;
};

const fake = await startFakeSlackApi();
process.send?.({ fakeUrl: fake.url });
let run = 0;
process.on('message', async (start: Start | { stop: true }) => {
  if ('stop' in start) {
    await fake.close();
    process.exit(0);
  }
  run += 1;
  const before = fake.callsTo('response_url').length;
  const acks: number[] = [];
  let answeredInAck = 0;
  // Acks by request number, to tell the first requests (connections opening, code warming up) from steady state.
  const byRequest: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: start.concurrency }, async () => {
      while (next < start.requests) {
        const k = next++;
        const t = performance.now();
        const body = slashCommand(start.texts[k % start.texts.length] ?? '', `${fake.url}/response/${run}-${k}`);
        const res = await post(start.url, body, { 'content-type': FORM, ...slackSignature(start.secret, body) });
        acks.push(performance.now() - t);
        byRequest[k] = performance.now() - t;
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        if (res.body.includes('"blocks"')) answeredInAck += 1;
      }
    }),
  );
  // Commands acked empty are answered through response_url: the run ends when the last answer has arrived.
  const late = start.answers ? start.requests - answeredInAck : 0;
  if (late > 0) await fake.waitFor('response_url', before + late);
  const seconds = (performance.now() - t0) / 1000;
  process.send?.({
    p50: round(percentile(acks, 50)),
    p99: round(percentile(acks, 99)),
    max: round(Math.max(...acks)),
    warmP99: round(percentile(byRequest.slice(WARM_UP), 99)),
    firstRequestsMax: round(Math.max(...byRequest.slice(0, WARM_UP))),
    n: acks.length,
    concurrency: start.concurrency,
    answeredInAck,
    answeredViaResponseUrl: fake.callsTo('response_url').length - before,
    repliesPerSecond: Math.round(start.requests / seconds),
  });
});
