import type { RequestListener } from 'node:http';

// Bolt accepts a signed request for five minutes after its timestamp (and we refuse more than five minutes ahead),
// so a signature has to be remembered a little longer than that window.
const REMEMBER_MS = 11 * 60_000;

/**
 * Wraps the HTTP receiver so a request re-sent with the same signature (the same timestamp and body: a replayed
 * slash command or button click) is answered 200 with an empty body and runs nothing. Slack itself never sends the
 * same signature twice for an interaction; its event retries are also deduplicated on `event_id`. Memory is bounded
 * by the window: entries are kept in arrival order and dropped once older than it.
 */
export function rejectReplays(inner: RequestListener, now: () => number = Date.now): RequestListener {
  const seen = new Map<string, number>();
  return (req, res) => {
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (req.method !== 'POST' || typeof signature !== 'string' || typeof timestamp !== 'string') {
      inner(req, res);
      return;
    }
    const at = now();
    for (const [key, time] of seen) {
      if (at - time < REMEMBER_MS) break;
      seen.delete(key);
    }
    const key = `${timestamp}:${signature}`;
    if (seen.has(key)) {
      res.writeHead(200).end();
      return;
    }
    seen.set(key, at);
    inner(req, res);
  };
}
