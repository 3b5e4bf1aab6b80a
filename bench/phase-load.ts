// Forked by phase-query: plays Slack. It runs the fake Web API (so the bot's replies to response_url land here,
// not in the bot's own process) and fires signed slash commands at the bot, 50 at a time, timing each ack.

import { Agent, request } from 'node:http';
import { startFakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { FORM, slackSignature, slashCommand } from '../test/helpers/slack-requests.js';
import { percentile, round } from './stats.js';

// node:http with keep-alive costs the client far less CPU than fetch, so on a 2-core machine the figures measure
// the bot rather than the load generator sharing its cores.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// The first requests open 50 connections at once and run code paths for the first time.
const WARM_UP = 100;

type Start = { url: string; secret: string; texts: string[]; requests: number; concurrency: number };

const fake = await startFakeSlackApi();
process.send?.({ fakeUrl: fake.url });
process.on('message', async (start: Start) => {
  const acks: number[] = [];
  // Acks by request number, to tell the first requests (connections opening, code warming up) from steady state.
  const byRequest: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: start.concurrency }, async () => {
      while (next < start.requests) {
        const k = next++;
        const t = performance.now();
        const body = slashCommand(start.texts[k % start.texts.length] ?? '', `${fake.url}/response/${k}`);
        const status = await post(start.url, body, { 'content-type': FORM, ...slackSignature(start.secret, body) });
        acks.push(performance.now() - t);
        byRequest[k] = performance.now() - t;
        if (status !== 200) throw new Error(`HTTP ${status}`);
      }
    }),
  );
  await fake.waitFor('response_url', start.requests);
  const seconds = (performance.now() - t0) / 1000;
  process.send?.({
    p50: round(percentile(acks, 50)),
    p99: round(percentile(acks, 99)),
    max: round(Math.max(...acks)),
    warmP99: round(percentile(byRequest.slice(WARM_UP), 99)),
    firstRequestsMax: round(Math.max(...byRequest.slice(0, WARM_UP))),
    n: acks.length,
    concurrency: start.concurrency,
    repliesPerSecond: Math.round(start.requests / seconds),
  });
  await fake.close();
  process.exit(0);
});
