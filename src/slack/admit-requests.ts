import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createHistogram } from 'node:perf_hooks';

/** What the gate did since the figures were last taken (see {@link AdmissionGate.takeFigures}). */
export type AdmissionFigures = {
  /** Requests let through, at once or after waiting. */
  admitted: number;
  /** Of those, how many had to wait for a slot. */
  waited: number;
  /** Requests whose client hung up while they waited: never run. */
  abandoned: number;
  /** The most requests waiting at one time. */
  mostWaiting: number;
  /** How long the requests that waited did, in ms. */
  waitMs: { p50: number; p99: number; max: number };
};

/** The HTTP listener that admits Slack requests a few at a time, and Bolt's side of it. */
export type AdmissionGate = {
  listener: RequestListener;
  /** How many Slack requests are being worked on and how many wait, now. */
  load(): { running: number; waiting: number };
  /** The figures since the last call, which starts them afresh. */
  takeFigures(): AdmissionFigures;
};

type Waiting = { req: IncomingMessage; res: ServerResponse; since: number; gone: boolean };

/**
 * Admission control on the HTTP edge: at most `limit` Slack requests (POSTs) are worked on at once — from admission
 * until their response has gone (or their client hung up) — and the rest wait, first come first served, with their
 * bodies unread. So one turn of the event loop carries the work of a bounded number of requests up to their answers,
 * and a cheap request the gate lets straight through (`GET /healthz`) is answered after that work instead of after a
 * whole burst's. A request whose client hung up while it waited is dropped without running. What a listener does
 * after the answer (a click's follow-up, paced posts, a long sync) is not counted: holding slots for it kept the CPU
 * idle while they waited on the disk and on Slack, and cut throughput by a third (docs/benchmarks.md).
 */
export function admitRequests(
  inner: RequestListener,
  options: {
    limit: number;
    onError: (error: unknown) => void;
    /** Told of a request that waited longer than `slowMs` (default 1,000 ms: a third of Slack's limit) for its turn. */
    onSlow?: (waitedMs: number, stillWaiting: number) => void;
    slowMs?: number;
    now?: () => number;
  },
): AdmissionGate {
  const { limit, onError, onSlow, slowMs = 1000, now = () => performance.now() } = options;
  const waiting: Waiting[] = [];
  let head = 0;
  let running = 0;
  let figures = fresh();

  const release = () => {
    running -= 1;
    next();
  };
  const admit = (req: IncomingMessage, res: ServerResponse) => {
    running += 1;
    figures.admitted += 1;
    res.once('close', release);
    try {
      inner(req, res);
    } catch (error) {
      // The receiver answers its own errors; one that escapes it must not keep the slot (closing frees it).
      onError(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  };
  const next = () => {
    while (running < limit && head < waiting.length) {
      const first = waiting[head];
      waiting[head] = undefined as never;
      head += 1;
      if (head === waiting.length || head > 1024) {
        waiting.splice(0, head);
        head = 0;
      }
      if (!first) continue;
      if (first.gone) {
        figures.abandoned += 1;
        continue;
      }
      const waited = now() - first.since;
      figures.wait.record(Math.max(1, Math.round(waited * 1000)));
      if (waited > slowMs) onSlow?.(waited, waiting.length - head);
      figures.waited += 1;
      admit(first.req, first.res);
    }
  };

  return {
    listener(req, res) {
      if (req.method !== 'POST') {
        inner(req, res);
        return;
      }
      if (running < limit && head === waiting.length) {
        admit(req, res);
        return;
      }
      const entry: Waiting = { req, res, since: now(), gone: false };
      res.once('close', () => {
        entry.gone = true;
      });
      waiting.push(entry);
      figures.mostWaiting = Math.max(figures.mostWaiting, waiting.length - head);
    },
    load: () => ({ running, waiting: waiting.length - head }),
    takeFigures() {
      const { wait, ...counts } = figures;
      const ms = (us: number) => Math.round(us / 100) / 10;
      figures = fresh();
      return {
        ...counts,
        waitMs:
          wait.count > 0
            ? { p50: ms(wait.percentile(50)), p99: ms(wait.percentile(99)), max: ms(wait.max) }
            : { p50: 0, p99: 0, max: 0 },
      };
    },
  };
}

function fresh() {
  return { admitted: 0, waited: 0, abandoned: 0, mostWaiting: 0, wait: createHistogram() };
}
