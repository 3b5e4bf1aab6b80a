import type { IncomingMessage, RequestListener } from 'node:http';
import type { DedupeStore } from '../ports.js';

// Bolt accepts a signed request for five minutes after its timestamp (and we refuse more than five minutes ahead),
// so a signature has to be remembered a little longer than that window.
const REMEMBER_MS = 11 * 60_000;
// The only signatures Slack sends (and Bolt can verify): version 0, an HMAC-SHA256 in lowercase hex.
const SIGNATURE = /^v0=[0-9a-f]{64}$/;
// What `verified` gives Bolt for every request: no property, and no new object each time.
const NO_PROPERTIES: Record<string, never> = Object.freeze({});
// Set on a request Bolt verified. A flag on the request itself rather than a WeakSet of requests: a WeakSet entry is
// an ephemeron the collector has to trace specially, one per request (~900 a second under load).
const VERIFIED = Symbol('invoice-desk.verified');
type Marked = IncomingMessage & { [VERIFIED]?: true };

/** The request listener that refuses replays, and the hook that tells it which requests Bolt verified. */
export type ReplayGuard = {
  listener: RequestListener;
  /**
   * Bolt's `customPropertiesExtractor`: Bolt calls it only after a request's signature verified, so only such a
   * request's signature is ever recorded. Adds no property.
   */
  verified(req: IncomingMessage): Record<string, never>;
  /** How many signatures this process remembers now (answered ones within the window, and those in flight). */
  remembered(): number;
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
 * store expires its rows. At a steady 900 requests a second the window holds ~600,000 signatures, so each is kept
 * small: its 32 bytes as a 32-character key (the signature covers the timestamp) and the second it arrived, ~85 bytes
 * in all (a `sig:<timestamp>:v0=<hex>` key and a millisecond time took ~260). A request whose signature is not even
 * well-formed cannot verify and is not recorded at all.
 */
export function rejectReplays(inner: RequestListener, options: ReplayGuardOptions): ReplayGuard {
  const { shared, onError, now = Date.now } = options;
  // The signature's bytes → the second (`now() / 1000`, a small integer) it arrived.
  const seen = new Map<string, number>();
  const refuse: RequestListener = (_req, res) => {
    res.writeHead(200).end();
  };
  const listener: RequestListener = (req, res) => {
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    if (
      req.method !== 'POST' ||
      typeof signature !== 'string' ||
      typeof timestamp !== 'string' ||
      !SIGNATURE.test(signature)
    ) {
      inner(req, res);
      return;
    }
    const at = now();
    for (const [mine, second] of seen) {
      if (at - second * 1000 < REMEMBER_MS) break;
      seen.delete(mine);
    }
    const mine = Buffer.from(signature.slice(3), 'hex').toString('latin1');
    if (seen.has(mine)) {
      refuse(req, res);
      return;
    }
    seen.set(mine, Math.floor(at / 1000));
    let replayed = false;
    // Only a request Bolt verified and answered in full stays remembered (here and, with replicas, in the store).
    // `on`, not `once`: a response closes once, and `once` wraps each listener in a second closure and its state.
    res.on('close', () => {
      if (replayed) return;
      if (!res.writableFinished || (req as Marked)[VERIFIED] !== true) {
        seen.delete(mine);
        return;
      }
      // The shared store's key keeps the format every replica (and an older version) reads.
      shared?.remember(`sig:${timestamp}:${signature}`, new Date(now()), REMEMBER_MS).catch(onError);
    });
    if (!shared) {
      inner(req, res);
      return;
    }
    shared.seen(`sig:${timestamp}:${signature}`, new Date(at)).then(
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
      (req as Marked)[VERIFIED] = true;
      return NO_PROPERTIES;
    },
    remembered: () => seen.size,
  };
}
