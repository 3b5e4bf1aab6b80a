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
  /** Requests that waited past Slack's 3 seconds: answered 503 without running (see `staleMs`). */
  tooLate: number;
  /** The most requests waiting at one time. */
  mostWaiting: number;
  /** How long the requests that waited did, in ms. */
  waitMs: { p50: number; p99: number; max: number };
  /** Listener work resumed after its answer had gone (see {@link AdmissionGate.afterAnswer}). */
  followUps: number;
};

/** The HTTP listener that admits Slack requests a few at a time, and Bolt's side of it. */
export type AdmissionGate = {
  listener: RequestListener;
  /**
   * Resolves in a later turn of the event loop, when the gate gives the caller one of that turn's places: what a
   * listener does after its answer (a click's follow-up) waits for it, so it shares the per-turn bound with the
   * requests being admitted instead of adding to every turn.
   */
  afterAnswer(): Promise<void>;
  /** How many Slack requests are being worked on and how many wait, now. */
  load(): { running: number; waiting: number };
  /** The figures since the last call, which starts them afresh. */
  takeFigures(): AdmissionFigures;
};

// `turn`: the number of the first turn that could have admitted it; admitted later, it waited.
type Waiting = { req: IncomingMessage; res: ServerResponse; since: number; turn: number; gone: boolean };

/**
 * Admission control on the HTTP edge. Node answers every socket that is ready in one turn of its event loop before
 * it looks at the sockets again, so a health check that arrives among fifty Slack requests is answered after all
 * their work. The gate bounds that work per turn:
 *
 * - a Slack request (a POST) is never run where it arrives: it is queued, its body unread (it costs the parse of its
 *   headers), and let through later in the turn (`setImmediate`), first come first served;
 * - each turn lets through a number of pieces of work — a request admitted (run up to its answer) or a listener's
 *   follow-up resumed ({@link AdmissionGate.afterAnswer}) — at most `limit`, and fewer while the turns are long:
 *   when the event loop was busy for more than `turnMs` (3 ms) since the last turn, the next lets through half as
 *   many, otherwise one more (additive increase, multiplicative decrease, as TCP does with its window). So a turn
 *   holds a few milliseconds of work whether the pieces are cheap lookups or dearer `find`s;
 * - at most `limit` requests are worked on at once, from admission until their response has gone (or their client
 *   hung up);
 * - whatever else arrived meanwhile waits for the next turn, so `GET /healthz`, which goes straight through, is
 *   answered after at most one turn's bounded work.
 *
 * A request whose client hung up while it waited is dropped without running, and one that waited past Slack's 3
 * seconds is answered 503 without running (at overload). A follow-up holds no slot while it waits on the disk or on
 * Slack: holding slots for it kept the CPU idle and cut throughput by a third (docs/benchmarks.md).
 */
export function admitRequests(
  inner: RequestListener,
  options: {
    limit: number;
    onError: (error: unknown) => void;
    /** Told of a request that waited longer than `slowMs` (default 1,000 ms: a third of Slack's limit) for its turn. */
    onSlow?: (waitedMs: number, stillWaiting: number) => void;
    slowMs?: number;
    /**
     * A request that waited longer than this for its turn (default 3,000 ms: Slack has given up on it, shown the
     * user a timeout and will resend an event) is answered 503 without running, so an overloaded bot spends its time
     * on the requests it can still answer in time instead of on answers no one reads.
     */
    staleMs?: number;
    now?: () => number;
    /** How long a turn of the event loop may be busy before the next lets fewer pieces through (3 ms). */
    turnMs?: number;
    /** How long the event loop has been busy, in ms, since some fixed moment (default: its utilization figures). */
    busyMs?: () => number;
  },
): AdmissionGate {
  const { limit, onError, onSlow, slowMs = 1000, staleMs = 3000, now = () => performance.now() } = options;
  const { turnMs = 3, busyMs = () => performance.eventLoopUtilization().active } = options;
  const waiting: Waiting[] = [];
  let head = 0;
  const followUps: Array<() => void> = [];
  let followUpHead = 0;
  let running = 0;
  let scheduled = false;
  let turns = 0;
  let places = limit;
  // Set when a turn scheduled the next: the busy time between the two is then exactly one turn of the event loop.
  let consecutive = false;
  let busyAt = 0;
  let figures = fresh();

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(turn);
  };
  const release = () => {
    running -= 1;
    schedule();
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
  // The first waiting request whose client is still there and can still be answered in time, or undefined; the
  // others are dropped on the way (those too late answered 503, which costs no place in the turn).
  const firstWaiting = (): Waiting | undefined => {
    while (head < waiting.length) {
      const first = waiting[head] as Waiting;
      if (first.gone) figures.abandoned += 1;
      else if (now() - first.since <= staleMs) return first;
      else {
        figures.tooLate += 1;
        first.res.writeHead(503, { 'retry-after': '1' }).end();
      }
      take();
    }
    return undefined;
  };
  const take = () => {
    waiting[head] = undefined as never;
    head += 1;
    if (head === waiting.length || head > 1024) {
      waiting.splice(0, head);
      head = 0;
    }
  };
  const admitNext = (): boolean => {
    if (running >= limit) return false;
    const first = firstWaiting();
    if (!first) return false;
    take();
    if (turns > first.turn) {
      const waited = now() - first.since;
      figures.wait.record(Math.max(1, Math.round(waited * 1000)));
      if (waited > slowMs) onSlow?.(waited, waiting.length - head);
      figures.waited += 1;
    }
    admit(first.req, first.res);
    return true;
  };
  const resumeNext = (): boolean => {
    if (followUpHead === followUps.length) return false;
    const resume = followUps[followUpHead] as () => void;
    followUps[followUpHead] = undefined as never;
    followUpHead += 1;
    if (followUpHead === followUps.length || followUpHead > 1024) {
      followUps.splice(0, followUpHead);
      followUpHead = 0;
    }
    figures.followUps += 1;
    resume();
    return true;
  };
  // One turn's share: requests and follow-ups in alternation, `places` in all. Their synchronous work and the
  // promise reactions it starts run right after this callback, still in this turn; what remains waits for the next.
  const turn = () => {
    scheduled = false;
    turns += 1;
    const busy = busyMs();
    if (consecutive) places = busy - busyAt > turnMs ? Math.max(1, places >> 1) : Math.min(limit, places + 1);
    busyAt = busy;
    let left = places;
    while (left > 0) {
      const admitted = admitNext();
      if (admitted) left -= 1;
      const resumed = left > 0 && resumeNext();
      if (resumed) left -= 1;
      if (!admitted && !resumed) break;
    }
    consecutive = followUpHead < followUps.length || (running < limit && head < waiting.length);
    if (consecutive) schedule();
  };

  return {
    listener(req, res) {
      if (req.method !== 'POST') {
        inner(req, res);
        return;
      }
      const entry: Waiting = { req, res, since: now(), turn: turns + 1, gone: false };
      res.once('close', () => {
        entry.gone = true;
      });
      waiting.push(entry);
      figures.mostWaiting = Math.max(figures.mostWaiting, waiting.length - head);
      schedule();
    },
    afterAnswer: () =>
      new Promise<void>((resolve) => {
        followUps.push(resolve);
        schedule();
      }),
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
  return { admitted: 0, waited: 0, abandoned: 0, tooLate: 0, mostWaiting: 0, followUps: 0, wait: createHistogram() };
}
