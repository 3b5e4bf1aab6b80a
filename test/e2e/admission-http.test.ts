import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import { buttonClick, eventCallback, FORM, JSON_TYPE, postSigned, slashCommand } from '../helpers/slack-requests.js';

// HTTP_CONCURRENCY=1: one Slack request at a time. Every way a request can go through Bolt — answered in the ack,
// acknowledged and answered later, an event, a refused signature, a replay, an ack the listeners never gave — must
// free its slot, or the next request would wait for ever.
describe('the admission gate in the real bot, one request at a time', () => {
  let running: HttpBot;
  beforeAll(async () => {
    running = await startHttpBot({ HTTP_CONCURRENCY: '1' }, createManualClock(DEMO_NOW));
  });
  afterAll(() => running?.close());

  it('frees the slot after every kind of request, so the next one is always answered', async () => {
    const { fake, bot, events } = running;
    const ts = Math.floor(Date.now() / 1000);
    const lookup = slashCommand('26112000000000100001', `${fake.url}/response/a`);
    for (const send of [
      () => postSigned(events, lookup, FORM, SECRET, { timestampSec: ts }),
      // The same signature again: refused as a replay before Bolt.
      () => postSigned(events, lookup, FORM, SECRET, { timestampSec: ts }),
      () => postSigned(events, slashCommand('help', `${fake.url}/response/b`), FORM, SECRET, { tamper: true }),
      () =>
        postSigned(
          events,
          buttonClick('invoice_lookup', 'D26112000000000100016', `${fake.url}/response/c`),
          FORM,
          SECRET,
        ),
      () =>
        postSigned(
          events,
          eventCallback(
            { type: 'message', channel_type: 'im', channel: 'D0A', user: 'U0A', text: 'hi', ts: '1.1' },
            'EvA',
          ),
          JSON_TYPE,
          SECRET,
        ),
      // A body Bolt cannot type: no listener, no ack from us.
      () => postSigned(events, JSON.stringify({ type: 'nothing_we_know' }), JSON_TYPE, SECRET),
      () => postSigned(events, slashCommand('help', `${fake.url}/response/d`), FORM, SECRET),
    ]) {
      const res = await send();
      expect([200, 401, 404]).toContain(res.status);
    }
    // The click's work runs after its empty ack, in a later turn of the gate's: its answer still arrives.
    expect(JSON.stringify((await fake.waitForPath('/response/c')).params)).toContain('blocks');
    const figures = bot.admission?.();
    expect(figures).toMatchObject({ admitted: 6, abandoned: 0 });
    // The click's and the event's acks resume their listeners through the gate; a slash command's does not (its
    // work ran before its ack, which carried the answer).
    expect(figures?.followUps).toBe(2);
    // All of them, one after another, and once more all at once: each answered.
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => postSigned(events, slashCommand('help', `${fake.url}/r/${i}`), FORM, SECRET)),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(burst.every((r) => r.body.includes('/invoice'))).toBe(true);
    expect(bot.admission?.()).toMatchObject({ admitted: 8, abandoned: 0, followUps: 0 });
  });
});
