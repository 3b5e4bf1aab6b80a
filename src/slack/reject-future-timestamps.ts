import type { RequestListener } from 'node:http';

const MAX_SKEW_S = 300;

/**
 * Wraps the HTTP receiver so a request whose `X-Slack-Request-Timestamp` is more than five minutes in the
 * future is refused with 401 before Bolt sees it. Bolt rejects only old timestamps; Slack's own verifiers reject
 * both directions, and a far-future signed request is a replay waiting to happen.
 */
export function rejectFutureTimestamps(inner: RequestListener, now: () => number = Date.now): RequestListener {
  return (req, res) => {
    const header = req.headers['x-slack-request-timestamp'];
    const ts = Number(Array.isArray(header) ? header[0] : header);
    if (req.method === 'POST' && Number.isFinite(ts) && ts - Math.floor(now() / 1000) > MAX_SKEW_S) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('invalid request timestamp');
      return;
    }
    inner(req, res);
  };
}
