import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runImport } from '../../src/cli/import.js';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { createPgPool } from '../../src/store/postgres/create-pg-pool.js';
import { loadDemoData } from '../helpers/demo-data-dir.js';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { describePostgres, postgresUrl, uniqueSchemaName } from '../helpers/postgres.js';
import { type LoadBalancer, type Replica, startReplica, startRoundRobinProxy } from '../helpers/replicas.js';
import { LEDGER_COLUMNS, ledgerRow } from '../helpers/rows.js';
import {
  buttonClick,
  eventCallback,
  FORM,
  JSON_TYPE,
  postSigned,
  slackSignature,
  slashCommand,
  viewSubmission,
} from '../helpers/slack-requests.js';

const SECRET = 'replica-signing-secret';
const ESCALATIONS = 'C0ESC';
const ANNOUNCE = 'C0ANN';
const ADMIN = 'U0ADM';
// Invoices in the ledger and not in the tax data: escalated below.
const CONTESTED = '26112000000000300001';
const BURST = [2, 3, 4, 5, 6, 7].map((n) => `2611200000000030000${n}`);
const LOOKED_UP = '26112000000000300009';
const HOUR = 3_600_000;
const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);

// `DATABASE_URL` with two replicas, as a deployment runs them: two real bot processes (HTTP mode, a DATA_DIR each,
// one schema) behind a round-robin load balancer, Slack's signed requests alternating between them, both running
// their scheduled work at the same moments. Whatever one replica started, the other finishes; nothing is done twice.
describePostgres('two bot replicas on one database, behind a round-robin load balancer', () => {
  const schema = uniqueSchemaName('replicas');
  let fake: FakeSlackApi;
  let work: string;
  let replicas: Replica[] = [];
  let proxy: LoadBalancer;
  let events: string;
  // How far the replicas' clocks have moved from DEMO_NOW, so a replica started later joins at their time.
  let elapsed = 0;

  const textOf = (c: RecordedCall | undefined) => `${String(c?.params.text)} ${JSON.stringify(c?.params.blocks)}`;
  const posts = (channel: string, contains: string) =>
    fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel && textOf(c).includes(contains));

  async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 8000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  // A quick answer comes in the ack itself; a slow one through the response_url.
  async function command(text: string, name: string, user: string): Promise<string> {
    const res = await postSigned(events, slashCommand(text, `${fake.url}/response/${name}`, user), FORM, SECRET);
    expect(res.status).toBe(200);
    if (res.body) return res.body;
    return textOf(
      await until(`the answer to ${name}`, () =>
        fake.callsTo('response_url').find((c) => c.path === `/response/${name}`),
      ),
    );
  }
  // Both replicas move their clocks together, then run their scheduled work at the same moment.
  async function tickBoth(advanceMs: number): Promise<void> {
    elapsed += advanceMs;
    await Promise.all(replicas.map((r) => r.command({ advance: advanceMs })));
    await Promise.all(replicas.map((r) => r.command({ tick: true })));
  }

  // Each replica its own DATA_DIR, with the same settings files, as each container of a deployment has.
  async function startAt(i: number, start: Date): Promise<Replica> {
    const dataDir = join(work, `replica-${i}`);
    await mkdir(dataDir);
    await loadDemoData(dataDir);
    return startReplica(
      {
        DATABASE_URL: postgresUrl,
        DATABASE_SCHEMA: schema,
        DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: 'xoxb-replica-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${fake.url}/api/`,
        FINANCE_LEADS: 'U0FIN,U0FIN2',
        ADMIN_USERS: ADMIN,
        ESCALATION_CHANNEL: ESCALATIONS,
        ANNOUNCE_CHANNELS: ANNOUNCE,
      },
      start,
    );
  }

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    work = await mkdtemp(join(tmpdir(), 'invoice-desk-replicas-'));
    const database = { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema };
    const file = join(work, 'ledger.csv');
    const rows = [CONTESTED, ...BURST, LOOKED_UP].map((n) => ledgerRow({ digital_number: n }));
    await writeFile(file, `${[[...LEDGER_COLUMNS], ...rows].join('\n')}\n`);
    // The import migrates the empty schema: the replicas then start on an up-to-date one.
    expect(
      await runImport(
        ['ledger', file],
        { ...database, DATA_DIR: join(work, 'import') },
        () => {},
        createManualClock(DEMO_NOW),
      ),
    ).toBe(0);
    replicas = await Promise.all([0, 1].map((i) => startAt(i, DEMO_NOW)));
    proxy = await startRoundRobinProxy(replicas.map((r) => r.port));
    events = `${proxy.url}/slack/events`;
  }, 30_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await proxy?.close();
    await fake?.close();
    const pool = createPgPool({ url: postgresUrl, schema });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('files one escalation per invoice when six people escalate it at once on both replicas', async () => {
    const people = ['U0E1', 'U0E2', 'U0E3', 'U0E4', 'U0E5', 'U0E6'];
    const answers = await Promise.all(
      people.map((user) => command(`escalate ${CONTESTED} still not there`, `file-${user}`, user)),
    );
    expect(new Set(proxy.served)).toEqual(new Set([0, 1]));
    expect(answers.filter((a) => a.includes('I have escalated this to finance as ESC-'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('I have added you as a follower'))).toHaveLength(5);
    await until('the escalation post', () => posts(ESCALATIONS, CONTESTED)[0]);
    const pool = createPgPool({ url: postgresUrl, schema });
    const { rows } = await pool.query<{ doc: { followers: string[] } }>('SELECT doc FROM escalations');
    await pool.end();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.doc.followers).toHaveLength(5);
  });

  it('lets one of two leads clicking Claim on the two replicas claim it, and tells the other who has it', async () => {
    const id = /ESC-\d{8}-\d{3}/.exec(textOf(posts(ESCALATIONS, CONTESTED)[0]))?.[0] ?? '';
    const click = (user: string) =>
      postSigned(
        events,
        buttonClick('invoice_escact', `${id}:claim`, `${fake.url}/response/claim-${user}`, user),
        FORM,
        SECRET,
      );
    const results = await Promise.all([click('U0FIN'), click('U0FIN2')]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await until('both answers', () =>
      fake.callsTo('response_url').filter((c) => c.path.startsWith('/response/claim-')).length === 2 ? true : undefined,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(posts(ESCALATIONS, 'claimed this.')).toHaveLength(1);
    const told = fake
      .callsTo('response_url')
      .filter((c) => c.path.startsWith('/response/claim-'))
      .map(textOf);
    expect(told.filter((t) => t.includes(`${id} is now Claimed.`))).toHaveLength(1);
    // The other lead is told who has it.
    const winner = /<@(U0FIN2?)> claimed this\./.exec(textOf(posts(ESCALATIONS, 'claimed this.')[0]))?.[1] ?? '';
    const refused = told.filter((t) => t.includes('That cannot be done now: the escalation is claimed by'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain(`<@${winner}>`);
  });

  it('answers a retried event once, whichever replica each delivery reaches', async () => {
    const body = eventCallback(
      { type: 'message', channel_type: 'im', channel: 'D0EMP', user: 'U0EMP', text: LOOKED_UP, ts: '1.100' },
      'EvReplicaRetry',
    );
    const retry = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };
    const [first, second] = await Promise.all([
      postSigned(events, body, JSON_TYPE, SECRET),
      postSigned(events, body, JSON_TYPE, SECRET, retry),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await until('the answer', () => posts('D0EMP', LOOKED_UP)[0]);
    await new Promise((r) => setTimeout(r, 500));
    expect(posts('D0EMP', LOOKED_UP)).toHaveLength(1);
  });

  it('answers a follow-up on the other replica as the first one left it: “which invoice?” and the language', async () => {
    expect(await command('排查', 'which', 'U0ZH')).toContain('要排查哪张发票');
    // Digits alone say nothing about the language, and without the question before they would be a lookup.
    await postSigned(
      events,
      eventCallback(
        { type: 'message', channel_type: 'im', channel: 'D0ZH', user: 'U0ZH', text: LOOKED_UP, ts: '1.200' },
        'EvFollowUp',
      ),
      JSON_TYPE,
      SECRET,
    );
    const answer = await until('the walk-through', () => posts('D0ZH', '')[0]);
    expect(textOf(answer)).toMatch(/第 1\/\d+ 步/);
  });

  it('sends each notice step once while both replicas tick at the same moments', async () => {
    const form = {
      notice_system: { value: { type: 'static_select', selected_option: { value: 'einvoice' } } },
      notice_functions: { value: { type: 'checkboxes', selected_options: [{ value: 'issuing' }] } },
      notice_starts: { value: { type: 'datetimepicker', selected_date_time: at('2026-11-28T22:00:00+08:00') } },
      notice_ends: { value: { type: 'datetimepicker', selected_date_time: at('2026-11-29T06:00:00+08:00') } },
      notice_started: { value: { type: 'checkboxes', selected_options: [] } },
      notice_message_zh: { value: { type: 'plain_text_input', value: '电子发票服务平台升级' } },
      notice_message_en: { value: { type: 'plain_text_input', value: 'Platform upgrade' } },
      notice_channels: { value: { type: 'multi_conversations_select', selected_conversations: [ANNOUNCE] } },
      notice_reminders: { value: { type: 'checkboxes', selected_options: [{ value: '1440' }, { value: '60' }] } },
    };
    // The preview is kept by the replica that showed it; Send reaches the other one.
    const preview = JSON.parse(
      (await postSigned(events, viewSubmission('notice_form', form, ADMIN), FORM, SECRET)).body,
    ) as {
      view: { private_metadata: string };
    };
    const served = proxy.served.length;
    await postSigned(
      events,
      viewSubmission('notice_preview', {}, ADMIN, preview.view.private_metadata, 'V0SEND'),
      FORM,
      SECRET,
    );
    expect(proxy.served.at(-1)).not.toBe(proxy.served[served - 1]);
    await until('the announcement', () => posts(ANNOUNCE, '电子发票服务平台升级')[0]);
    const threadOf = () =>
      fake.callsTo('chat.postMessage').filter((c) => c.params.channel === ANNOUNCE && c.params.thread_ts);
    // 15:00 Friday → 23:00 (the 24-hour reminder), Saturday 21:30 (the 1-hour one), 22:30 (started), Sunday 07:00 (ended).
    for (const [hours, steps] of [
      [8, 1],
      [22.5, 2],
      [1, 3],
      [8.5, 4],
    ] as const) {
      await tickBoth(hours * HOUR);
      expect(threadOf()).toHaveLength(steps);
    }
    // All in the announcement's thread, whose original was edited at each step.
    const thread = new Set(threadOf().map((c) => c.params.thread_ts));
    expect(thread.size).toBe(1);
    const edits = fake.callsTo('chat.update').filter((c) => c.params.channel === ANNOUNCE);
    expect(edits.map((c) => c.params.ts)).toEqual([...thread, ...thread, ...thread, ...thread]);
  });

  it('sends each SLA reminder, the digest and the weekly check once', async () => {
    // Sunday 07:00 → Monday 09:45: the digest and the weekly check are due. The claim stopped the first-response
    // clock; the resolution is due Tuesday 15:00 (18 business hours after Friday 15:00).
    await tickBoth(26.75 * HOUR);
    expect(posts(ESCALATIONS, 'Daily digest')).toHaveLength(1);
    expect(posts(ESCALATIONS, 'Weekly check')).toHaveLength(1);
    expect(posts(ESCALATIONS, '⏰')).toHaveLength(0);
    // Tuesday 14:30: near. 15:30: breached, in the thread and to the admin; again after `repeatMinutes` (4 hours).
    await tickBoth(28.75 * HOUR);
    expect(posts(ESCALATIONS, '⏰')).toHaveLength(1);
    await tickBoth(HOUR);
    await tickBoth(0);
    expect(posts(ESCALATIONS, '🚨')).toHaveLength(1);
    expect(posts(ADMIN, '🚨')).toHaveLength(1);
    await tickBoth(4 * HOUR);
    expect(posts(ESCALATIONS, '🚨')).toHaveLength(2);
  });

  it('answers a slash command or click replayed to the other replica empty, and acts once', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const direct = (r: Replica | undefined) => `http://127.0.0.1:${r?.port}/slack/events`;
    const pool = createPgPool({ url: postgresUrl, schema });
    // The first replica writes the signature once its answer has gone: wait for the row, as a replay comes later.
    const recorded = (body: string) => {
      const sig = slackSignature(SECRET, body, ts);
      const key = `sig:${sig['x-slack-request-timestamp']}:${sig['x-slack-signature']}`;
      return until('the signature in dedupe_keys', async () =>
        (await pool.query('SELECT 1 FROM dedupe_keys WHERE key = $1', [key])).rowCount ? true : undefined,
      );
    };
    const lookup = slashCommand(LOOKED_UP, `${fake.url}/response/replayed`, 'U0REPLAY');
    const first = await postSigned(direct(replicas[0]), lookup, FORM, SECRET, { timestampSec: ts });
    expect(first.body).toContain(LOOKED_UP);
    await recorded(lookup);
    const replayed = await postSigned(direct(replicas[1]), lookup, FORM, SECRET, { timestampSec: ts });
    expect(replayed).toEqual({ status: 200, body: '' });

    const path = '/response/replayed-click';
    const click = buttonClick('invoice_lookup', `D${LOOKED_UP}`, `${fake.url}${path}`, 'U0REPLAY');
    expect((await postSigned(direct(replicas[1]), click, FORM, SECRET, { timestampSec: ts })).status).toBe(200);
    await until("the click's answer", () => fake.callsTo('response_url').find((c) => c.path === path));
    await recorded(click);
    expect(await postSigned(direct(replicas[0]), click, FORM, SECRET, { timestampSec: ts })).toEqual({
      status: 200,
      body: '',
    });
    await new Promise((r) => setTimeout(r, 300));
    await pool.end();
    expect(fake.callsTo('response_url').filter((c) => c.path === path)).toHaveLength(1);
  });

  it('loses nothing when a replica is killed in the middle of a burst: the other answers and carries on', async () => {
    const answers = BURST.map((n, i) => command(`escalate ${n} needed today`, `burst-${n}`, `U0B${i}`));
    await until('the first filing', () => (BURST.some((n) => posts(ESCALATIONS, n).length > 0) ? true : undefined));
    await replicas[0]?.kill();
    // Requests the dead replica held are retried on the other by the load balancer: everyone is answered.
    for (const text of await Promise.all(answers)) expect(text).toMatch(/escalated this .*as ESC-/);
    const escalated = async () => {
      const pool = createPgPool({ url: postgresUrl, schema });
      const { rows } = await pool.query<{ invoice_key: string; doc: { id: string; reminded: string[] } }>(
        'SELECT invoice_key, doc FROM escalations ORDER BY invoice_key',
      );
      await pool.end();
      return rows;
    };
    expect((await escalated()).map((r) => r.invoice_key)).toEqual([CONTESTED, ...BURST].map((n) => `D${n}`).sort());
    // Tuesday 19:30 → Wednesday 12:30: each first response (due 13:00) is near. The survivor alone sends the
    // reminders, for the escalations the dead replica filed too, once each.
    elapsed += 17 * HOUR;
    await replicas[1]?.command({ advance: 17 * HOUR, tick: true });
    for (const { invoice_key, doc } of (await escalated()).filter((r) => r.invoice_key !== `D${CONTESTED}`)) {
      expect(doc.reminded, invoice_key).toContain('near:first');
      expect(posts(ESCALATIONS, `⏰ ${doc.id}`).length, invoice_key).toBeLessThanOrEqual(1);
    }
    expect(await command('escalations', 'queue', 'U0FIN')).toContain(BURST.at(-1));
  });

  it('leaves the digest of a replica killed while sending it to the other, which sends it once the lease expired', async () => {
    // A replica that joins at the others' time (Wednesday 12:30) runs Thursday 09:45's jobs and dies while its
    // digest is on the way: it holds the digest's lease, and the post never reaches Slack.
    const third = await startAt(2, new Date(DEMO_NOW.getTime() + elapsed));
    const lost = fake.hold(
      (method, params) => method === 'chat.postMessage' && JSON.stringify(params).includes('Daily digest'),
    );
    const digests = posts(ESCALATIONS, 'Daily digest').length;
    void third.command({ advance: 21.25 * HOUR, tick: true });
    await lost;
    await third.kill();
    // The survivor's tick at the same moment leaves the digest to the lease's holder, dead or not.
    await replicas[1]?.command({ advance: 21.25 * HOUR, tick: true });
    expect(posts(ESCALATIONS, 'Daily digest')).toHaveLength(digests);
    // Five minutes later (SCHEDULE_LEASE_SECONDS' default) the lease has expired: the survivor sends it, once.
    await replicas[1]?.command({ advance: 5 * 60_000 + 1000, tick: true });
    await replicas[1]?.command({ advance: 60_000, tick: true });
    expect(posts(ESCALATIONS, 'Daily digest')).toHaveLength(digests + 1);
  });
});
