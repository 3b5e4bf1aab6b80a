import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdmissionGate, admitRequests } from '../../src/slack/admit-requests.js';

type Running = { name: string; req: IncomingMessage; res: ServerResponse };

// The gate in front of a stand-in for Bolt that answers nothing until the test says so: which requests it has been
// given, in order, and the most it was working on at once.
async function startGate(limit: number, servers: Server[], options: { throwFor?: string } = {}) {
  const started: string[] = [];
  const running = new Map<string, Running>();
  let most = 0;
  const errors: unknown[] = [];
  const gate: AdmissionGate = admitRequests(
    (req, res) => {
      const name = String(req.headers['x-name']);
      if (req.method === 'GET') {
        res.end('ok');
        return;
      }
      if (name === options.throwFor) throw new Error(`${name} broke`);
      started.push(name);
      running.set(name, { name, req, res });
      // Answered ('finish') or hung up ('close'), whichever comes first.
      res.once('finish', () => running.delete(name));
      res.once('close', () => running.delete(name));
      most = Math.max(most, running.size);
    },
    { limit, onError: (e) => errors.push(e) },
  );
  const server = createServer(gate.listener);
  let hungUp = 0;
  server.on('connection', (socket) => socket.once('close', () => (hungUp += 1)));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const send = (name: string, init: RequestInit = {}) =>
    fetch(url, { method: 'POST', headers: { 'x-name': name }, body: name, ...init }).then((r) => r.text());
  const answer = (name: string) => running.get(name)?.res.end(`answered ${name}`);
  return { gate, started, running, errors, most: () => most, hungUp: () => hungUp, send, answer, url };
}

// One turn of the event loop: resolves in the check phase after the one already queued (the gate's turn).
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

// Requests that arrive in one turn of the event loop (as Node reads every ready socket before it looks again), handed
// to the gate in front of a stand-in for Bolt that answers each at once: the order they ran in, turn by turn.
function burstThroughGate(
  limit: number,
  timing: { turnMs?: number; busyMs?: () => number; now?: () => number } = { turnMs: Infinity },
) {
  const started: string[] = [];
  const gate = admitRequests(
    (req, res) => {
      started.push(String(req.headers['x-name']));
      // As a ServerResponse does once its answer has gone.
      res.emit('close');
    },
    { limit, onError: (e) => expect.fail(String(e)), ...timing },
  );
  const refused: string[] = [];
  const arrive = (name: string, method = 'POST') => {
    const res = Object.assign(new EventEmitter(), {
      headersSent: false,
      writeHead(status: number) {
        refused.push(`${name} ${status}`);
        return res;
      },
      end: () => res.emit('close'),
    });
    gate.listener({ method, headers: { 'x-name': name } } as never, res as never);
  };
  return { gate, started, refused, arrive };
}

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never: ${what}`);
}

describe('admitRequests: a bounded number of Slack requests at once, the rest in arrival order', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('works on at most `limit` at once and admits the waiting ones first come, first served', async () => {
    const g = await startGate(2, servers);
    const answers = ['a', 'b'].map((n) => g.send(n));
    await until('a and b running', () => g.running.size === 2);
    // Sent one after another, so their arrival order is known.
    const waiting: Promise<string>[] = [];
    for (const [i, n] of ['c', 'd', 'e'].entries()) {
      waiting.push(g.send(n));
      await until(`${n} waiting`, () => g.gate.load().waiting === i + 1);
    }
    expect(g.started).toEqual(['a', 'b']);
    g.answer('b');
    await until('c admitted', () => g.started.length === 3);
    g.answer('a');
    await until('d admitted', () => g.started.length === 4);
    g.answer('c');
    g.answer('d');
    await until('e admitted', () => g.started.length === 5);
    g.answer('e');
    expect(await Promise.all([...answers, ...waiting])).toEqual(['a', 'b', 'c', 'd', 'e'].map((n) => `answered ${n}`));
    expect(g.started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(g.most()).toBe(2);
  });

  it('lets a GET (the health check) straight through while Slack requests wait', async () => {
    const g = await startGate(1, servers);
    const a = g.send('a');
    const b = g.send('b');
    await until('a running', () => g.running.size === 1);
    expect(await (await fetch(g.url.replace('/slack/events', '/healthz'), { headers: { 'x-name': 'h' } })).text()).toBe(
      'ok',
    );
    expect(g.started).toEqual(['a']);
    g.answer('a');
    await until('b admitted', () => g.started.includes('b'));
    g.answer('b');
    expect(await Promise.all([a, b])).toEqual(['answered a', 'answered b']);
  });

  it('runs no Slack request in the turn it arrives in, and at most `limit` pieces of work in each later turn', async () => {
    const g = burstThroughGate(2);
    for (const name of ['a', 'b', 'c', 'd', 'e']) g.arrive(name);
    // The health check that arrived with them is answered before any of their work has run.
    g.arrive('healthz', 'GET');
    expect(g.started).toEqual(['healthz']);
    await nextTurn();
    expect(g.started).toEqual(['healthz', 'a', 'b']);
    await nextTurn();
    expect(g.started).toEqual(['healthz', 'a', 'b', 'c', 'd']);
    await nextTurn();
    expect(g.started).toEqual(['healthz', 'a', 'b', 'c', 'd', 'e']);
    expect(g.gate.takeFigures()).toMatchObject({ admitted: 5, waited: 3, mostWaiting: 5 });
  });

  it('resumes work after an answer in a later turn, sharing each turn with the requests admitted', async () => {
    const g = burstThroughGate(2);
    const resumed: string[] = [];
    for (const name of ['x', 'y', 'z']) void g.gate.afterAnswer().then(() => resumed.push(name));
    for (const name of ['a', 'b']) g.arrive(name);
    expect(resumed).toEqual([]);
    await nextTurn();
    // One request and one follow-up, in alternation, then the rest in the turns after.
    expect([g.started, resumed]).toEqual([['a'], ['x']]);
    await nextTurn();
    expect([g.started, resumed]).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ]);
    await nextTurn();
    expect([g.started, resumed]).toEqual([
      ['a', 'b'],
      ['x', 'y', 'z'],
    ]);
    expect(g.gate.takeFigures()).toMatchObject({ admitted: 2, followUps: 3 });
  });

  it('lets half as many through after a turn busier than `turnMs`, and one more after a quiet one', async () => {
    // The event loop's busy time as the gate reads it: 10 ms per turn at first (long turns), then none.
    let busy = 0;
    let perTurn = 10;
    const g = burstThroughGate(8, { turnMs: 3, busyMs: () => (busy += perTurn) });
    for (let i = 0; i < 30; i++) g.arrive(`r${i}`);
    const counts: number[] = [];
    let before = 0;
    for (let turn = 0; turn < 7; turn++) {
      if (turn === 4) perTurn = 0;
      await nextTurn();
      counts.push(g.started.length - before);
      before = g.started.length;
    }
    expect(counts).toEqual([8, 4, 2, 1, 2, 3, 4]);
  });

  it('answers 503 without running a request that waited past the 3 seconds Slack waits, and goes on with the next', async () => {
    let t = 0;
    const g = burstThroughGate(1, { turnMs: Infinity, now: () => t });
    for (const name of ['a', 'b', 'c']) g.arrive(name);
    await nextTurn();
    expect(g.started).toEqual(['a']);
    t = 3001;
    g.arrive('d');
    await nextTurn();
    expect(g.started).toEqual(['a', 'd']);
    expect(g.refused).toEqual(['b 503', 'c 503']);
    expect(g.gate.takeFigures()).toMatchObject({ admitted: 2, tooLate: 2 });
  });

  it('drops a waiting request whose client hung up, without running it, and goes on with the next', async () => {
    const g = await startGate(1, servers);
    const a = g.send('a');
    await until('a running', () => g.running.size === 1);
    const gone = new AbortController();
    const b = g.send('b', { signal: gone.signal }).catch(() => 'hung up');
    await until('b waiting', () => g.gate.load().waiting === 1);
    const c = g.send('c');
    await until('c waiting', () => g.gate.load().waiting === 2);
    gone.abort();
    expect(await b).toBe('hung up');
    await until('the server saw b hang up', () => g.hungUp() === 1);
    g.answer('a');
    await until('c admitted', () => g.started.includes('c'));
    g.answer('c');
    expect(await Promise.all([a, c])).toEqual(['answered a', 'answered c']);
    expect(g.started).toEqual(['a', 'c']);
    const figures = g.gate.takeFigures();
    expect(figures).toMatchObject({ admitted: 2, waited: 1, abandoned: 1 });
    // A request that hangs up while it runs frees its slot too.
    const d = g.send('d', { signal: AbortSignal.timeout(60_000) });
    await until('d running', () => g.running.size === 1);
    const e = g.send('e');
    g.running.get('d')?.req.socket.destroy();
    await expect(d).rejects.toThrow();
    await until('e admitted', () => g.started.includes('e'));
    g.answer('e');
    expect(await e).toBe('answered e');
  });

  it('answers 500 to a request whose handler throws, and frees its slot', async () => {
    const g = await startGate(1, servers, { throwFor: 'bad' });
    const a = g.send('a');
    await until('a running', () => g.running.size === 1);
    const bad = fetch(g.url, { method: 'POST', headers: { 'x-name': 'bad' }, body: 'bad' });
    await until('bad waiting', () => g.gate.load().waiting === 1);
    const c = g.send('c');
    await until('c waiting', () => g.gate.load().waiting === 2);
    g.answer('a');
    expect((await bad).status).toBe(500);
    await until('c admitted', () => g.started.includes('c'));
    g.answer('c');
    expect(await Promise.all([a, c])).toEqual(['answered a', 'answered c']);
    expect(g.errors.map(String)).toEqual(['Error: bad broke']);
  });
});
