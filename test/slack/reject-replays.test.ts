import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DedupeStore } from '../../src/ports.js';
import { type ReplayGuard, rejectReplays } from '../../src/slack/reject-replays.js';
import { createMemoryDedupeStore } from '../../src/store/memory-state-stores.js';
import { slackSignature } from '../helpers/slack-requests.js';

const SECRET = 'replay-secret';
const NOW = Date.parse('2026-11-27T07:00:00Z');

type Replica = { url: string; ran: string[]; guard: ReplayGuard };

// A replica's HTTP edge: the guard in front of a stand-in for Bolt that verifies the signature as Bolt does (and then
// tells the guard, as Bolt's customPropertiesExtractor does), answers 401 otherwise, and holds a body saying "hang"
// without ever answering.
function startReplica(shared: DedupeStore | undefined, servers: Server[], errors: unknown[] = []): Promise<Replica> {
  const ran: string[] = [];
  let guard: ReplayGuard;
  const bolt: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const ts = Number(req.headers['x-slack-request-timestamp']);
      if (slackSignature(SECRET, body, ts)['x-slack-signature'] !== req.headers['x-slack-signature']) {
        res.writeHead(401).end();
        return;
      }
      guard.verified(req as IncomingMessage);
      ran.push(body);
      if (body !== 'hang') res.writeHead(200).end(`ran ${body}`);
    });
  };
  guard = rejectReplays(bolt, { ...(shared ? { shared } : {}), onError: (e) => errors.push(e), now: () => NOW });
  const server = createServer(guard.listener);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, ran, guard }),
    ),
  );
}

const signed = (body: string, secret = SECRET) => ({
  method: 'POST',
  headers: slackSignature(secret, body, Math.floor(NOW / 1000)),
  body,
});
const post = async (url: string, init: RequestInit) => {
  const res = await fetch(url, init);
  return { status: res.status, text: await res.text() };
};
const keyOf = (body: string) => {
  const { 'x-slack-request-timestamp': ts, 'x-slack-signature': sig } = slackSignature(SECRET, body, NOW / 1000);
  return `sig:${ts}:${sig}`;
};
// Until the shared store holds the key: it is written once the answer has gone, a moment after the client has it.
async function remembered(store: DedupeStore, body: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await store.seen(keyOf(body), new Date(NOW))) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${body} was never remembered`);
}

describe('rejectReplays: a signed request acts once across replicas', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('answers a replay on the same replica empty, without running it', async () => {
    const a = await startReplica(createMemoryDedupeStore(), servers);
    expect(await post(a.url, signed('one'))).toEqual({ status: 200, text: 'ran one' });
    expect(await post(a.url, signed('one'))).toEqual({ status: 200, text: '' });
    expect(a.ran).toEqual(['one']);
  });

  it('with no shared store (lowdb: one process owns DATA_DIR), refuses a replay from its own memory alone', async () => {
    const a = await startReplica(undefined, servers);
    expect(await post(a.url, signed('cmd-solo'))).toEqual({ status: 200, text: 'ran cmd-solo' });
    expect(await post(a.url, signed('cmd-solo'))).toEqual({ status: 200, text: '' });
    expect(a.ran).toEqual(['cmd-solo']);
  });

  it('answers a replay sent to the other replica empty once the first answer went out', async () => {
    const store = createMemoryDedupeStore();
    const [a, b] = [await startReplica(store, servers), await startReplica(store, servers)];
    expect((await post(a.url, signed('click'))).text).toBe('ran click');
    await remembered(store, 'click');
    expect(await post(b.url, signed('click'))).toEqual({ status: 200, text: '' });
    expect(b.ran).toEqual([]);
    // Another signature is another request.
    expect((await post(b.url, signed('other'))).text).toBe('ran other');
  });

  it('lets a request its replica never answered (the client gone) run when re-sent, there or on the other', async () => {
    const store = createMemoryDedupeStore();
    const [a, b] = [await startReplica(store, servers), await startReplica(store, servers)];
    const gone = new AbortController();
    const hung = fetch(a.url, { ...signed('hang'), signal: gone.signal }).catch(() => 'aborted');
    for (let i = 0; a.ran.length === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    gone.abort();
    expect(await hung).toBe('aborted');
    // The load balancer re-sends it byte for byte: the other replica runs it, and so would this one.
    await new Promise((r) => setTimeout(r, 50));
    expect(await store.seen(keyOf('hang'), new Date(NOW))).toBe(false);
    const again = fetch(b.url, signed('hang')).catch(() => 'aborted');
    for (let i = 0; b.ran.length === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    expect(b.ran).toEqual(['hang']);
    void again;
    const third = fetch(a.url, signed('hang')).catch(() => 'aborted');
    for (let i = 0; a.ran.length < 2 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    expect(a.ran).toEqual(['hang', 'hang']);
    void third;
  });

  it('records nothing for a request whose signature did not verify', async () => {
    const store = createMemoryDedupeStore();
    const remember = store.remember.bind(store);
    const recorded: string[] = [];
    store.remember = async (key, now, ttl) => {
      recorded.push(key);
      await remember(key, now, ttl);
    };
    const a = await startReplica(store, servers);
    for (let i = 0; i < 3; i++) expect((await post(a.url, signed('forged', 'wrong-secret'))).status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(recorded).toEqual([]);
    // Nor does it stop the genuine request with the same body.
    expect((await post(a.url, signed('forged'))).text).toBe('ran forged');
    await remembered(store, 'forged');
    expect(recorded).toHaveLength(1);
  });

  it('with no shared store, keeps nothing in memory for a request that did not verify, or did not get its answer', async () => {
    const a = await startReplica(undefined, servers);
    for (let i = 0; i < 3; i++) expect((await post(a.url, signed(`forged ${i}`, 'wrong-secret'))).status).toBe(401);
    // A signature that is not even well-formed reaches Bolt (which refuses it) without being recorded.
    const malformed = { ...signed('bad'), headers: { ...signed('bad').headers, 'x-slack-signature': 'v0=zz' } };
    expect((await post(a.url, malformed)).status).toBe(401);
    const gone = new AbortController();
    const hung = fetch(a.url, { ...signed('hang'), signal: gone.signal }).catch(() => 'aborted');
    for (let i = 0; a.ran.length === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    gone.abort();
    expect(await hung).toBe('aborted');
    for (let i = 0; a.guard.remembered() > 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    expect(a.guard.remembered()).toBe(0);
    expect((await post(a.url, signed('kept'))).text).toBe('ran kept');
    expect(a.guard.remembered()).toBe(1);
    expect(await post(a.url, signed('kept'))).toEqual({ status: 200, text: '' });
  });

  it('passes unsigned requests and GETs through untouched', async () => {
    const a = await startReplica(createMemoryDedupeStore(), servers);
    expect((await post(a.url, { method: 'POST', body: 'x' })).status).toBe(401);
    expect((await post(a.url, { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('still runs a request (this replica still refusing its own replays) when the shared store fails', async () => {
    const store = createMemoryDedupeStore();
    store.seen = async () => {
      throw new Error('database down');
    };
    const errors: unknown[] = [];
    const a = await startReplica(store, servers, errors);
    expect((await post(a.url, signed('down'))).text).toBe('ran down');
    expect((await post(a.url, signed('down'))).text).toBe('');
    expect(errors.map(String)).toEqual(['Error: database down']);
  });
});
