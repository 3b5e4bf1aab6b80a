import type { IncomingMessage, RequestListener } from 'node:http';
import type { DedupeStore } from '../ports.js';

// Bolt accepts a signed request for five minutes after its timestamp (and we refuse more than five minutes ahead),
// so a signature has to be remembered a little longer than that window.
const REMEMBER_MS = 11 * 60_000;

/** The request listener that refuses replays, and the hook that tells it which requests Bolt verified. */
export type ReplayGuard = {
  listener: RequestListener;
  /**
   * Bolt's `customPropertiesExtractor`: Bolt calls it only after a request's signature verified, so only such a
   * request's signature is ever recorded. Adds no property.
   */
  verified(req: IncomingMessage): Record<string, never>;
};

/** Where the guard records answered signatures for every replica, and what it tells when that store fails. */
export type ReplayGuardOptions = {
  /**
   * Absent when no other process can receive this bot's requests (lowdb: one process per `DATA_DIR`): the process's
   * own map is then the whole memory, and a request costs no store I/O.
   */
  shared?: Pick<DedupeStore, 'seen' | 'remember'>;
  onError: (error: unknown) => void;
  now?: () => number;
};

/**
 * Wraps the HTTP receiver so a request re-sent with the same signature (the same timestamp and body: a replayed
 * slash command or button click) is answered 200 with an empty body and runs nothing, on whichever replica it lands.
 * Slack itself never sends the same signature twice for an interaction; its event retries are also deduplicated on
 * `event_id`.
 *
 * Two checks, in order: this process's own map (no I/O; it also holds the requests in flight here, so two copies
 * arriving at one replica run once), then the shared dedupe store (one read). A signature is written to the shared
 * store only once Bolt verified it and its response has been sent in full: a request whose replica died before
 * answering is re-sent by the load balancer byte for byte, and must then run on the other replica. Unverified and
 * unanswered requests leave nothing behind, here or in the store. What is left: two copies in flight on two
 * replicas at the same moment (or one sent in the few milliseconds between an answer and its write) both run.
 * Memory and rows are bounded by the window: entries are kept in arrival order and dropped once older than it; the
 * store expires its rows.
 */
export function rejectReplays(inner: RequestListener, options: ReplayGuardOptions): ReplayGuard {
  const { shared, onError, now = Date.now } = options;
  const seen = new Map<string, number>();
  const verified = new WeakSet<IncomingMessage>();
  const refuse: RequestListener = (_req, res) => {
    res.writeHead(200).end();
  };
  const listener: RequestListener = (req, res) => {
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
    const key = `sig:${timestamp}:${signature}`;
    if (seen.has(key)) {
      refuse(req, res);
      return;
    }
    seen.set(key, at);
    if (!shared) {
      inner(req, res);
      return;
    }
    let replayed = false;
    res.once('close', () => {
      if (replayed) return;
      if (!res.writableFinished || !verified.has(req)) {
        seen.delete(key);
        return;
      }
      shared.remember(key, new Date(now()), REMEMBER_MS).catch(onError);
    });
    shared.seen(key, new Date(at)).then(
      (elsewhere) => {
        replayed = elsewhere;
        // A client that hung up while the store answered gets nothing: its request is not run (nor recorded).
        if (elsewhere) refuse(req, res);
        else if (!req.destroyed) inner(req, res);
      },
      (error: unknown) => {
        // The store cannot answer (a database down): this process's own check still holds; the request runs.
        onError(error);
        if (!req.destroyed) inner(req, res);
      },
    );
  };
  return {
    listener,
    verified(req) {
      verified.add(req);
      return {};
    },
  };
}
