// The mixed load of issue 11: `concurrency` simulated users, each sending one signed request at a time to the bot
// for `seconds` — invoice lookups, walk-throughs clicked step by step, `find`, and escalations in pairs (two people
// escalating one invoice at the same moment) — and checking every answer. What was sent is kept, so the stores can be
// reconciled against it once the bot has stopped.
import { catalogFor } from '../src/i18n/catalog-for.js';
import type { FakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { buttonClick, FORM, slackSignature, slashCommand } from '../test/helpers/slack-requests.js';
import { FIND_TEXTS } from './find-texts.js';
import { syntheticId } from './generate.js';
import { type HttpAnswer, post } from './http-client.js';

/** A walk-through as the load generator drove it: who, which invoice, how many clicks, how it should have ended. */
export type SentWalkThrough = { user: string; invoiceKey: string; clicks: number; solved: boolean };
/** Two people escalating one invoice at the same moment, and the escalation id each was told. */
export type SentEscalation = { invoiceKey: string; users: [string, string]; told: string[] };

/** Everything the load generator sent and what came back, for the report and the reconciliation. */
export type Sent = {
  lookups: number;
  finds: number;
  walkThroughs: SentWalkThrough[];
  escalations: SentEscalation[];
  /**
   * Latency of every signed request, by kind, in ms until its HTTP answer (the ack); `clickAnswer`: from a click until
   * its answer arrived through the response_url (a button's ack is always empty).
   */
  latencies: Record<'lookup' | 'find' | 'click' | 'escalate', number[]> & { clickAnswer: number[] };
  errors: string[];
};

/** Where and how the traffic runs. */
export type TrafficOptions = {
  url: string;
  secret: string;
  fake: FakeSlackApi;
  records: number;
  seconds: number;
  concurrency: number;
  /** One escalation pair this often: the bot posts each to Slack, which takes about one message a second per channel. */
  escalationEveryMs: number;
  financeLead: string;
  /** Invoices that must not be escalated (they already have an escalation in the store). */
  escalated: ReadonlySet<string>;
};

// How the tasks besides escalations are shared out, per 10: 5 lookups, 3 walk-throughs (3–4 clicks each), 2 finds.
const MIX = ['lookup', 'walk', 'lookup', 'find', 'lookup', 'walk', 'lookup', 'lookup', 'find', 'walk'] as const;
// How long an answer through response_url may take: an escalation waits for its paced Slack posts.
const REPLY_TIMEOUT_MS = 30_000;
const ESCALATION_ID = /ESC-\d{8}-\d{3,}/;
const FINDS: readonly string[] = Object.values(FIND_TEXTS);

/** Runs the traffic until `seconds` have passed and every started task has finished. */
export async function runMixedTraffic(options: TrafficOptions): Promise<Sent> {
  const { url, secret, fake, records } = options;
  const sent: Sent = {
    lookups: 0,
    finds: 0,
    walkThroughs: [],
    escalations: [],
    latencies: { lookup: [], find: [], click: [], escalate: [], clickAnswer: [] },
    errors: [],
  };
  let serial = 0;
  // Walk-throughs and escalations are keyed by person: a tag per run keeps a second run on the same data apart.
  const run = Date.now().toString(36).slice(-5).toUpperCase();
  const fail = (what: string) => {
    sent.errors.push(what);
  };
  // Knuth's multiplicative hash spreads consecutive tasks over the whole book of records.
  const invoice = (k: number) => 1 + ((k * 2_654_435_761) % records);
  const digitalInvoice = (k: number) => {
    const i = invoice(k);
    return i % 10 === 0 ? i + 1 : i;
  };

  async function signed(kind: 'lookup' | 'find' | 'click' | 'escalate', body: string): Promise<HttpAnswer> {
    const t0 = performance.now();
    const res = await post(url, body, { 'content-type': FORM, ...slackSignature(secret, body) }).catch((error) => {
      throw new Error(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
    });
    sent.latencies[kind].push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 200)}`);
    return res;
  }

  const responseUrl = (name: string) => `${fake.url}/response/${name}`;
  // A command's answer rides in its ack when it is ready in time, else it comes through the response_url.
  async function answerOf(res: HttpAnswer, name: string): Promise<string> {
    if (res.body) return res.body;
    return JSON.stringify((await fake.waitForPath(`/response/${name}`, REPLY_TIMEOUT_MS)).params);
  }
  async function command(kind: 'lookup' | 'find' | 'escalate', text: string, user: string): Promise<string> {
    const name = `m${serial++}`;
    return answerOf(await signed(kind, slashCommand(text, responseUrl(name), user)), name);
  }
  // A button is acked empty; its answer always comes through the response_url.
  async function click(actionId: string, value: string, user: string): Promise<Record<string, unknown>> {
    const name = `m${serial++}`;
    const t0 = performance.now();
    await signed('click', buttonClick(actionId, value, responseUrl(name), user));
    const answer = await fake.waitForPath(`/response/${name}`, REPLY_TIMEOUT_MS);
    sent.latencies.clickAnswer.push(performance.now() - t0);
    return answer.params;
  }
  const buttons = (reply: Record<string, unknown>) =>
    ((reply.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>).flatMap(
      (b) => b.elements ?? [],
    );
  const walkButton = (reply: Record<string, unknown>, ...actions: string[]) =>
    buttons(reply).find((b) => b.action_id === 'invoice_chk' && actions.some((a) => b.value?.endsWith(`:${a}`)))?.value;

  async function lookup(k: number): Promise<void> {
    const id = syntheticId(invoice(k));
    const answer = await command('lookup', id.digital || `${id.code} ${id.number}`, `UL${k % 300}`);
    sent.lookups += 1;
    if (!answer.includes('"blocks"') || !answer.includes(id.digital || id.number))
      fail(`lookup ${id.digital || id.number}: ${answer.slice(0, 200)}`);
  }

  const en = catalogFor('en');
  const zh = catalogFor('zh');
  async function find(k: number): Promise<void> {
    const text = FINDS[k % FINDS.length] ?? '';
    const answer = await command('find', `find ${text}`, options.financeLead);
    sent.finds += 1;
    // The broad queries stop counting past 200; one amount matches nothing here, the other is invoice 1's.
    const expected =
      text === FIND_TEXTS.amount
        ? [en.find.none, zh.find.none]
        : text === FIND_TEXTS.amountOneMatch
          ? [syntheticId(1).digital]
          : [en.find.results(200, 10, true), zh.find.results(200, 10, true)];
    if (!expected.some((e) => answer.includes(e))) fail(`find ${text}: ${answer.slice(0, 200)}`);
  }

  // Start a walk-through from the lookup card's button, go one step on (next or skip, whichever the step offers),
  // then say it is solved — with a second, simultaneous click on the same button from another worker (a double
  // click): exactly one of the two may end it.
  async function walkThrough(k: number): Promise<void> {
    const user = `UW${run}${k}`;
    const key = `D${syntheticId(digitalInvoice(k)).digital}`;
    const walk: SentWalkThrough = { user, invoiceKey: key, clicks: 0, solved: false };
    sent.walkThroughs.push(walk);
    const press = async (actionId: string, value: string) => {
      walk.clicks += 1;
      return click(actionId, value, user);
    };
    let reply = await press('invoice_troubleshoot', key);
    const onward = walkButton(reply, 'next', 'skip');
    if (onward) reply = await press('invoice_chk', onward);
    const solved = walkButton(reply, 'solved');
    if (!solved) {
      if (!walkButton(reply, 'escalate')) fail(`walk-through ${user}: no choices after ${walk.clicks} clicks`);
      return;
    }
    walk.solved = true;
    const answers = (await Promise.all([press('invoice_chk', solved), press('invoice_chk', solved)])).map((r) =>
      JSON.stringify(r),
    );
    const done = answers.filter((a) => a.includes(en.checklist.solvedReply)).length;
    const refused = answers.filter(
      (a) => a.includes(en.checklist.alreadyDone) || a.includes(en.checklist.ended('solved')),
    ).length;
    if (done !== 1 || refused !== 1) fail(`walk-through ${user}: double click answered ${answers.join(' / ')}`);
  }

  let pairs = 0;
  // Two people escalate the same invoice at the same moment: one files it, the other must become its follower.
  function escalationPair(): Array<() => Promise<void>> {
    const n = pairs++;
    let k = 1_000_000 + n;
    while (options.escalated.has(`D${syntheticId(digitalInvoice(k)).digital}`)) k += 7_919;
    const id = syntheticId(digitalInvoice(k)).digital;
    const pair: SentEscalation = { invoiceKey: `D${id}`, users: [`UE${run}${n}A`, `UE${run}${n}B`], told: [] };
    sent.escalations.push(pair);
    return pair.users.map((user) => async () => {
      const answer = await command('escalate', `escalate ${id} needed for the bench, pair ${n}`, user);
      const told = ESCALATION_ID.exec(answer)?.[0];
      if (!told) fail(`escalation by ${user}: ${answer.slice(0, 200)}`);
      else pair.told.push(told);
    });
  }

  // Tasks that must go out next: the second half of an escalation pair.
  const urgent: Array<() => Promise<void>> = [];
  const t0 = Date.now();
  const deadline = t0 + options.seconds * 1000;
  let nextEscalation = t0 + options.escalationEveryMs / 2;
  let picked = 0;
  function nextTask(): (() => Promise<void>) | undefined {
    const queued = urgent.shift();
    if (queued) return queued;
    const now = Date.now();
    if (now >= deadline) return undefined;
    if (now >= nextEscalation) {
      nextEscalation += options.escalationEveryMs;
      const [first, second] = escalationPair();
      if (second) urgent.push(second);
      return first;
    }
    const k = picked++;
    const kind = MIX[k % MIX.length];
    return kind === 'lookup' ? () => lookup(k) : kind === 'find' ? () => find(k) : () => walkThrough(k);
  }

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let task = nextTask(); task; task = nextTask()) {
        try {
          await task();
        } catch (error) {
          fail(String(error instanceof Error ? error.message : error));
        }
      }
    }),
  );
  return sent;
}
