import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { downloadSharedFile, isSlackFileUrl } from '../../src/slack/download-shared-file.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';
import { eventCallback, JSON_TYPE, postSigned } from '../helpers/slack-requests.js';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-bot-token-download';

/** A local server that records every request and answers with `handler` (default: a secret-looking body). */
async function startServer(
  handler?: (url: string) => { status: number; headers?: Record<string, string>; body?: string },
) {
  const requests: Array<{ url: string; authorization: string | undefined }> = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const out = handler?.(req.url ?? '') ?? { status: 200, body: 'EVIL-FIRST-LINE,stolen\n' };
    res.writeHead(out.status, out.headers ?? {}).end(out.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Kept-alive connections would hold close() for the server's keep-alive timeout.
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { url, requests, close };
}

/**
 * A file host that misbehaves after the headers: `hang` sends them and then nothing; `endless` streams a body with no
 * Content-Length that never ends. Records when each client connection closes, so a test can see the download let go.
 */
async function startMisbehavingHost(mode: 'hang' | 'endless') {
  const state = { requests: 0, closedAt: [] as number[], bytesSent: 0 };
  const server: Server = createServer((_req, res) => {
    state.requests += 1;
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.flushHeaders();
    if (mode === 'hang') return;
    const chunk = Buffer.alloc(16 * 1024, 'x');
    // Writes as fast as the client reads, until the client goes away (the cap only stops a broken test from
    // streaming forever).
    const pump = () => {
      while (!res.destroyed && state.bytesSent < 1024 ** 3) {
        state.bytesSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    pump();
  });
  server.on('connection', (socket) => socket.on('close', () => state.closedAt.push(Date.now())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** Resolves when a client connection has closed, or rejects after `ms`. */
  const connectionClosed = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (state.closedAt.length === 0) {
      if (Date.now() > deadline) throw new Error(`the download kept its connection open for ${ms} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return state.closedAt[0] as number;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, state, connectionClosed, close };
}

describe('the bot token goes only to Slack', () => {
  it.each([
    ['https://files.slack.com/files-pri/T1-F1/download/export.csv', true],
    ['https://files.slack.com.evil.example/x.csv', false],
    ['https://evil.example/files.slack.com/x.csv', false],
    ['http://files.slack.com/files-pri/T1-F1/download/export.csv', false],
    ['https://user@files.slack.com/x.csv', false],
    ['not a url', false],
  ])('%s is Slack’s file host: %s', (url, trusted) => {
    expect(isSlackFileUrl(url, 'https://slack.com/api/')).toBe(trusted);
  });

  it('refuses external files and other hosts without a request, follows no redirect, and stops at the size limit', async () => {
    const evil = await startServer();
    const slack = await startServer((url) =>
      url.includes('redirect')
        ? { status: 302, headers: { location: `${evil.url}/steal` } }
        : url.includes('huge')
          ? { status: 200, body: 'x'.repeat(200_000) }
          : { status: 500, body: 'EVIL-FIRST-LINE' },
    );
    const options = { token: TOKEN, apiUrl: `${slack.url}/api/`, maxBytes: 10_000, timeoutMs: 5_000 };
    try {
      expect(await downloadSharedFile({ url_private_download: `${evil.url}/x.csv` }, options)).toEqual({
        ok: false,
        reason: 'untrusted_host',
      });
      for (const external of [
        { is_external: true, url_private_download: `${slack.url}/x.csv` },
        { mode: 'external', url_private_download: `${slack.url}/x.csv` },
        { name: 'only-url-private.csv' },
      ])
        expect(await downloadSharedFile(external, options)).toEqual({ ok: false, reason: 'external' });
      expect(await downloadSharedFile({ url_private_download: `${slack.url}/redirect` }, options)).toEqual({
        ok: false,
        reason: 'failed',
      });
      expect(await downloadSharedFile({ url_private_download: `${slack.url}/huge` }, options)).toEqual({
        ok: false,
        reason: 'too_large',
      });
      // files.info says it is too large: refused before any request reaches the file host.
      expect(
        await downloadSharedFile({ url_private_download: `${slack.url}/declared`, size: 10_001 }, options),
      ).toEqual({
        ok: false,
        reason: 'too_large',
      });
      expect(slack.requests.some((r) => r.url.includes('declared'))).toBe(false);
      expect(await downloadSharedFile({ url_private_download: `${slack.url}/error` }, options)).toEqual({
        ok: false,
        reason: 'failed',
      });
      expect(evil.requests).toEqual([]);
    } finally {
      await evil.close();
      await slack.close();
    }
  });

  it('gives up on a file host that sends headers and then nothing, and closes the connection', async () => {
    const host = await startMisbehavingHost('hang');
    const options = { token: TOKEN, apiUrl: `${host.url}/api/`, maxBytes: 10_000, timeoutMs: 300 };
    try {
      const started = Date.now();
      expect(await downloadSharedFile({ url_private_download: `${host.url}/slow.csv` }, options)).toEqual({
        ok: false,
        reason: 'failed',
      });
      const tookMs = Date.now() - started;
      expect(host.state.requests).toBe(1);
      expect(tookMs).toBeGreaterThanOrEqual(250);
      expect(tookMs).toBeLessThan(3_000);
      // The socket is let go too, not left open for the host to hold on to.
      expect((await host.connectionClosed(2_000)) - started).toBeLessThan(3_000);
    } finally {
      await host.close();
    }
  });

  it('stops reading an endless body at the size limit and drops the connection', async () => {
    const host = await startMisbehavingHost('endless');
    const options = { token: TOKEN, apiUrl: `${host.url}/api/`, maxBytes: 100_000, timeoutMs: 10_000 };
    try {
      const started = Date.now();
      expect(await downloadSharedFile({ url_private_download: `${host.url}/endless.csv` }, options)).toEqual({
        ok: false,
        reason: 'too_large',
      });
      // Well before the 10 s timeout: the limit, not the clock, ended it.
      expect(Date.now() - started).toBeLessThan(3_000);
      const closedAt = await host.connectionClosed(2_000);
      expect(closedAt - started).toBeLessThan(3_000);
      // Nothing more is pulled once the connection is gone: the host's count stops growing.
      const sent = host.state.bytesSent;
      await new Promise((r) => setTimeout(r, 200));
      expect(host.state.bytesSent).toBe(sent);
    } finally {
      await host.close();
    }
  });

  describe('end to end: a forged files.info', () => {
    let evil: Awaited<ReturnType<typeof startServer>>;
    let fake: FakeSlackApi;
    let bot: RunningBot;
    let dataDir: string;

    beforeAll(async () => {
      evil = await startServer();
      fake = await startFakeSlackApi({
        'files.info': (params) => ({
          ok: true,
          file: {
            id: params.file,
            name: 'export.csv',
            url_private: `${evil.url}/private/export.csv`,
            url_private_download: `${evil.url}/download/export.csv`,
          },
        }),
      });
      dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-download-'));
      const config = loadConfig({
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${fake.url}/api/`,
        DATA_DIR: dataDir,
        FINANCE_LEADS: 'U0FIN',
      });
      bot = await startBot({ ...config, port: 0 }, { clock: createManualClock(DEMO_NOW), log: () => {} });
    });

    afterAll(async () => {
      await bot?.stop();
      await fake?.close();
      await evil?.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('sends the evil host no request at all, and quotes nothing it could have returned', async () => {
      const share = eventCallback(
        {
          type: 'message',
          subtype: 'file_share',
          channel_type: 'im',
          channel: 'D0FIN',
          user: 'U0FIN',
          text: '',
          ts: '1700000090.000001',
          files: [{ id: 'F0FORGED', name: 'export.csv' }],
        },
        'EvForged1',
      );
      const before = fake.callsTo('chat.postMessage').length;
      await postSigned(`http://127.0.0.1:${bot.port}/slack/events`, share, JSON_TYPE, SECRET);
      await fake.waitFor('chat.postMessage', before + 1);
      const reply = fake.callsTo('chat.postMessage').find((c) => c.params.channel === 'D0FIN');
      expect(String(reply?.params.text)).toContain('did not download');
      expect(JSON.stringify(reply?.params)).not.toContain('EVIL');
      expect(evil.requests).toEqual([]);
    });
  });
});
