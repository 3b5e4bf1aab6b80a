// The bench's client side of HTTP. node:http with keep-alive costs the client far less CPU than fetch, so on a
// 2-core machine the figures measure the bot rather than the load generator sharing its cores.
import { Agent, request } from 'node:http';

// Idle sockets are dropped after 4 s, before the server's own keep-alive timeout (Node's default, 5 s) closes them:
// otherwise a request sent on a socket the server is closing at that instant fails with "socket hang up", an
// artefact of the client, not an answer from the bot.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });

/** An HTTP answer as the bench reads it. */
export type HttpAnswer = { status: number; body: string };

/** Sends one request over the bench's keep-alive pool (or over `via`, e.g. a probe's own connection). */
export function send(
  url: string,
  options: { method: 'GET' | 'POST'; body?: string; headers?: Record<string, string>; via?: Agent },
): Promise<HttpAnswer> {
  const body = options.body ?? '';
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method,
        agent: options.via ?? agent,
        headers: { ...options.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts a body over the bench's keep-alive pool. */
export function post(url: string, body: string, headers: Record<string, string>): Promise<HttpAnswer> {
  return send(url, { method: 'POST', body, headers });
}
