import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Slack Web API (or to a `response_url`). */
export type RecordedCall = {
  method: string;
  path: string;
  authorization: string | undefined;
  params: Record<string, unknown>;
};

/** A local stand-in for https://slack.com/api/ that records every call and answers like Slack. */
export type FakeSlackApi = {
  url: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  waitFor(method: string, count?: number): Promise<RecordedCall[]>;
  /**
   * The first call to exactly this path (e.g. one `/response/<name>`), as soon as it arrives, without polling: for
   * load generators waiting on thousands of replies at once. Rejects after `timeoutMs`.
   */
  waitForPath(path: string, timeoutMs?: number): Promise<RecordedCall>;
  /**
   * The next Web API call that matches is neither recorded nor answered, as if its sender died before it reached
   * Slack (the request hangs until the fake closes); resolves when it arrives. Later ones are answered as usual.
   */
  hold(match: (method: string, params: Record<string, unknown>) => boolean): Promise<void>;
  /** Makes a file downloadable like Slack's `url_private_download`; `files.info` then describes it. */
  serveFile(id: string, name: string, content: string): void;
  close(): Promise<void>;
};

/** Extra answers a test needs, e.g. `apps.connections.open` for Socket Mode. */
export type Overrides = Record<string, (params: Record<string, unknown>) => Record<string, unknown>>;

const BOT = { team_id: 'T0TEAM', user_id: 'U0BOT', bot_id: 'B0BOT' };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  // @slack/web-api posts form-encoded bodies; blocks and views travel as JSON strings.
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw))
    out[k] = ['blocks', 'attachments', 'view'].includes(k) ? JSON.parse(v) : v;
  return out;
}

function answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
  const ts = `${(Date.now() / 1000).toFixed(6)}`;
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://fake.slack.com/', team: 'Fake', user: 'invoice-desk', ...BOT };
    case 'chat.postMessage':
      // A post to a user id lands in the app's DM with them, which Slack answers with the DM's own id.
      return {
        ok: true,
        channel: String(params.channel).startsWith('U') ? `D${String(params.channel)}` : params.channel,
        ts,
        message: { text: params.text },
      };
    case 'chat.getPermalink':
      return {
        ok: true,
        channel: params.channel,
        permalink: `https://fake.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}`,
      };
    case 'chat.update':
      return { ok: true, channel: params.channel, ts: params.ts };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: ts };
    case 'views.publish':
    case 'views.open':
    case 'views.update':
      return { ok: true, view: { id: 'V0FAKE' } };
    case 'conversations.open':
      return { ok: true, channel: { id: `D0${String(params.users ?? 'X')}` } };
    case 'users.info':
      return { ok: true, user: { id: params.user, name: 'someone', tz: 'Asia/Shanghai' } };
    case 'files.info':
      return { ok: true, file: { id: params.file, name: 'export.csv', url_private: '' } };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}

/** Starts the fake on a free loopback port. Point the bot at `${url}/api/`, and response_urls at `${url}/response/…`. */
export async function startFakeSlackApi(overrides: Overrides = {}): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const byPath = new Map<string, RecordedCall>();
  const pathWaiters = new Map<string, (call: RecordedCall) => void>();
  const record = (call: RecordedCall) => {
    calls.push(call);
    if (!byPath.has(call.path)) byPath.set(call.path, call);
    pathWaiters.get(call.path)?.(call);
  };
  const files = new Map<string, { name: string; content: string }>();
  const holds: Array<{ match: (method: string, params: Record<string, unknown>) => boolean; arrived: () => void }> = [];
  let baseUrl = '';
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path.startsWith('/files/')) {
      const file = files.get(path.slice('/files/'.length));
      record({ method: 'file_download', path, authorization: req.headers.authorization, params: {} });
      res.writeHead(file ? 200 : 404, { 'content-type': 'text/csv; charset=utf-8' }).end(file?.content ?? '');
      return;
    }
    const isResponseUrl = path.startsWith('/response/');
    const method = isResponseUrl ? 'response_url' : path.replace(/^\/api\//, '');
    const params = parseParams(raw, req.headers['content-type']);
    const held = holds.findIndex((h) => h.match(method, params));
    if (held >= 0) {
      holds.splice(held, 1)[0]?.arrived();
      return;
    }
    record({ method, path, authorization: req.headers.authorization, params });
    if (isResponseUrl) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const served = method === 'files.info' ? files.get(String(params.file)) : undefined;
    const body = served
      ? {
          ok: true,
          file: {
            id: params.file,
            name: served.name,
            url_private: `${baseUrl}/files/${String(params.file)}`,
            url_private_download: `${baseUrl}/files/${String(params.file)}`,
          },
        }
      : (overrides[method]?.(params) ?? answer(method, params));
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  const callsTo = (m: string) => calls.filter((c) => c.method === m);
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo,
    hold(match) {
      return new Promise((arrived) => {
        holds.push({ match, arrived });
      });
    },
    serveFile(id, name, content) {
      files.set(id, { name, content });
    },
    async waitFor(m, count = 1) {
      const deadline = Date.now() + 8000;
      while (callsTo(m).length < count) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${count}× ${m}; got ${calls.map((c) => c.method).join(',')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return callsTo(m);
    },
    waitForPath(path, timeoutMs = 8000) {
      const arrived = byPath.get(path);
      if (arrived) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pathWaiters.delete(path);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for a call to ${path}`));
        }, timeoutMs);
        pathWaiters.set(path, (call) => {
          clearTimeout(timer);
          pathWaiters.delete(path);
          resolve(call);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
