import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../src/slack/http-fetch.js';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

const servers: Server[] = [];
afterEach(async () => {
  for (const open of servers.splice(0)) {
    open.closeAllConnections();
    await new Promise((resolve) => open.close(resolve));
  }
});

async function serve(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const created = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    answer(req, res);
  });
  servers.push(created);
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(created.address() as AddressInfo).port}`, seen };
}

// A fallback that records what it was handed instead of sending it.
function recordingFallback() {
  const handed: Array<{ input: unknown; init: RequestInit | undefined }> = [];
  const fallback = (async (input: unknown, init?: RequestInit) => {
    handed.push({ input, init });
    return new Response('from fallback', { status: 299 });
  }) as typeof fetch;
  return { fallback, handed };
}

describe('createHttpFetch', () => {
  it('posts a JSON string and answers as fetch does', async () => {
    const { url, seen } = await serve((_req, res) =>
      res.writeHead(200, 'OK', { 'content-type': 'application/json', 'x-extra': 'a' }).end('{"ok":true}'),
    );
    const fetch = createHttpFetch();
    const body = JSON.stringify({ text: '发票 24112000000094149929' });
    const res = await fetch(`${url}/response/r1?retry=1`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(seen).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: '/response/r1?retry=1',
        body,
        headers: expect.objectContaining({
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        }),
      }),
    ]);
    expect([res.ok, res.status, res.statusText, res.url]).toEqual([true, 200, 'OK', `${url}/response/r1?retry=1`]);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(Object.fromEntries(res.headers.entries())).toMatchObject({ 'x-extra': 'a' });
    expect(await res.json()).toEqual({ ok: true });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(TypeError);
  });

  it('types a string body without a content type as fetch does, and reads bytes and streams', async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(201).end('abc'));
    const fetch = createHttpFetch();
    const res = await fetch(url, { method: 'POST', body: 'token=x&channel=C1' });
    expect(seen[0]?.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(res.ok).toBe(true);
    expect(new TextDecoder().decode(await res.arrayBuffer())).toBe('abc');
    const again = await fetch(url, { method: 'POST', body: new TextEncoder().encode('xyz') });
    expect(seen[1]?.body).toBe('xyz');
    expect(await new Response(again.body).text()).toBe('abc');
  });

  it('says not ok for an error status, with its body', async () => {
    const { url } = await serve((_req, res) => res.writeHead(404, 'Not Found').end('expired_url'));
    const res = await createHttpFetch()(url, { method: 'POST', body: '{}' });
    expect([res.ok, res.status, res.statusText]).toEqual([false, 404, 'Not Found']);
    expect(await res.text()).toBe('expired_url');
  });

  it('rejects with a TypeError when the connection fails, as fetch does', async () => {
    const { url } = await serve((_req, res) => res.end());
    const open = servers.pop();
    await new Promise((resolve) => open?.close(resolve));
    await expect(createHttpFetch()(url, { method: 'POST', body: '{}' })).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
  });

  it('sends a request once more when a reused connection is reset before any answer, and only then', async () => {
    // The server drops the connection on the second request of each connection, as a server closing an idle
    // keep-alive connection does when a request is written to it at that moment.
    const perSocket = new WeakMap<object, number>();
    const { url, seen } = await serve((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n === 2) req.socket.destroy();
      else res.end('ok');
    });
    const fetch = createHttpFetch();
    expect(await (await fetch(url, { method: 'POST', body: '1' })).text()).toBe('ok');
    expect(await (await fetch(url, { method: 'POST', body: '2' })).text()).toBe('ok');
    expect(seen.map((s) => s.body)).toEqual(['1', '2', '2']);
    // A fresh connection reset is not retried: the answer is fetch's TypeError.
    const { url: other } = await serve((req) => req.socket.destroy());
    await expect(fetch(other, { method: 'POST', body: '3' })).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
  });

  it('gives up on a server that goes silent, as fetch does after its timeouts', async () => {
    // Headers sent, then nothing: neither the rest of the body nor the end ever comes.
    const { url } = await serve((_req, res) => res.writeHead(200, { 'content-length': '10' }).write('abc'));
    const fetch = createHttpFetch(globalThis.fetch, { quietMs: 50 });
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow(
      expect.objectContaining({ name: 'TypeError', message: 'fetch failed' }),
    );
  });

  it('rejects with the signal’s reason when aborted, before or during the request', async () => {
    const { url } = await serve(() => {});
    const fetch = createHttpFetch();
    await expect(fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.abort() })).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    await expect(fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(50) })).rejects.toThrow(
      expect.objectContaining({ name: 'TimeoutError' }),
    );
  });

  it('refuses a redirect when told to, and otherwise follows it as fetch does', async () => {
    const { url, seen } = await serve((req, res) =>
      res.writeHead(req.url === '/303' ? 303 : 307, { location: '/there' }).end(),
    );
    const { fallback, handed } = recordingFallback();
    const fetch = createHttpFetch(fallback);
    await expect(fetch(`${url}/303`, { method: 'POST', body: 'a', redirect: 'error' })).rejects.toThrow(TypeError);
    expect((await fetch(`${url}/303`, { method: 'POST', body: 'a' })).status).toBe(299);
    expect((await fetch(`${url}/307`, { method: 'POST', body: 'b' })).status).toBe(299);
    expect(handed).toEqual([
      { input: `${url}/there`, init: expect.objectContaining({ method: 'GET', body: null }) },
      { input: `${url}/there`, init: expect.objectContaining({ method: 'POST', body: 'b' }) },
    ]);
    // Each was sent once by this fetch; only the redirect's target went to the fallback.
    expect(seen.map((s) => s.url)).toEqual(['/303', '/303', '/307']);
    const manual = await fetch(`${url}/303`, { method: 'POST', body: 'a', redirect: 'manual' });
    expect([manual.status, manual.headers.get('location')]).toEqual([303, '/there']);
  });

  it('hands a form, a Headers object or a Request to the fallback, untouched', async () => {
    const { url, seen } = await serve((_req, res) => res.end());
    const { fallback, handed } = recordingFallback();
    const fetch = createHttpFetch(fallback);
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.csv');
    const headers = new Headers({ 'content-type': 'application/json' });
    const request = new Request(url, { method: 'POST', body: 'r' });
    await fetch(url, { method: 'POST', body: form });
    await fetch(url, { method: 'POST', headers, body: '{}' });
    await fetch(request);
    expect(handed).toEqual([
      { input: url, init: expect.objectContaining({ body: form }) },
      { input: url, init: expect.objectContaining({ headers }) },
      { input: request, init: {} },
    ]);
    expect(seen).toEqual([]);
  });
});
