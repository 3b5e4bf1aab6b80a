import { App, HTTPReceiver, ignoreSelf, type Logger } from '@slack/bolt';
import type { Config } from '../config.js';
import { type AdmissionGate, admitRequests } from './admit-requests.js';
import { healthResponse } from './health-response.js';
import { createHttpFetch } from './http-fetch.js';
import { carryResponses, jsonAnswerProperties } from './json-answers.js';
import { register as registerActions } from './listeners/actions/index.js';
import { register as registerCommands } from './listeners/commands/index.js';
import { register as registerEvents } from './listeners/events/index.js';
import { register as registerMessages } from './listeners/messages/index.js';
import { register as registerShortcuts } from './listeners/shortcuts/index.js';
import { register as registerViews } from './listeners/views/index.js';
import { rejectFutureTimestamps } from './reject-future-timestamps.js';
import { type ReplayGuard, rejectReplays } from './reject-replays.js';
import type { SlackDeps } from './slack-deps.js';

// A slash command's form body carries its name; events, clicks and views do not.
const isSlashCommand = (body: unknown) => typeof (body as { command?: unknown }).command === 'string';

/** The Bolt app and, in HTTP mode, its receiver (for tests that need the bound port), admission gate and replay guard. */
export type SlackApp = { app: App; receiver?: HTTPReceiver; admission?: AdmissionGate; replays?: ReplayGuard };

/**
 * Builds the Bolt app for Socket Mode or HTTP mode and registers every listener; it does not start it.
 * Slack re-delivers events (`X-Slack-Retry-Num`) and Bolt does not deduplicate, so a global middleware drops
 * any `event_id` already handled.
 */
export function createSlackApp(config: Config, deps: SlackDeps, logger: Logger): SlackApp {
  const clientOptions = {
    slackApiUrl: config.apiUrl,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    // respond() (every click's answer) and Web API calls over node:http rather than undici: see http-fetch.ts.
    fetch: createHttpFetch(),
  };
  let receiver: HTTPReceiver | undefined;
  let gate: AdmissionGate | undefined;
  let replays: ReplayGuard | undefined;
  let app: App;
  // `convoStore: false`: Bolt's conversation store is unused (our sessions live behind our own ports).
  if (config.mode === 'socket') {
    app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      logger,
      clientOptions,
      convoStore: false,
      ignoreSelf: false,
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret ?? '',
      logger,
      // Called by Bolt only once a request's signature verified: the replay guard records only those. The context
      // also gets the request's response, so a slash command can ack with JSON it wrote itself (json-answers.ts).
      customPropertiesExtractor: (req) => {
        replays?.verified(req);
        return jsonAnswerProperties(req);
      },
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          // The report is read from the stores; when they cannot answer (a database down), the bot is not healthy.
          handler: (req, res) =>
            void deps.health().then(
              (report) =>
                res
                  .writeHead(200, { 'content-type': 'application/json' })
                  .end(JSON.stringify(healthResponse(req.headers.authorization, config.healthToken, report))),
              () => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false })),
            ),
        },
      ],
    });
    let slowToldAt = Number.NEGATIVE_INFINITY;
    gate = admitRequests(receiver.requestListener, {
      limit: config.httpConcurrency,
      onError: (error) => logger.error('HTTP request failed', String(error)),
      // At most once a minute: a queue this long is a bot short of CPU (or HTTP_CONCURRENCY set too low).
      onSlow: (waitedMs, stillWaiting) => {
        if (performance.now() - slowToldAt < 60_000) return;
        slowToldAt = performance.now();
        logger.warn(
          `a Slack request waited ${Math.round(waitedMs)} ms for its turn (HTTP_CONCURRENCY=${config.httpConcurrency}, ${stillWaiting} still waiting)`,
        );
      },
    });
    replays = rejectReplays(gate.listener, {
      // Only replicas share requests; with lowdb one process owns DATA_DIR and its own map is enough.
      ...(config.databaseUrl ? { shared: deps.dedupe } : {}),
      // The stores' time (one time base with the event keys in the same table), not Bolt's timestamp check's.
      now: () => deps.clock.now().getTime(),
      onError: (error) => logger.warn('replay check: the shared dedupe store failed', String(error)),
    });
    receiver.requestListener = carryResponses(rejectFutureTimestamps(replays.listener));
    app = new App({ token: config.botToken, receiver, logger, clientOptions, convoStore: false, ignoreSelf: false });
    // What a listener does after its ack (a click's whole work) waits for a place in a turn of the gate's.
    const processEvent = app.processEvent.bind(app);
    const { afterAnswer } = gate;
    // Not a slash command's: its work runs before its ack (the answer rides in it) or is already running when a slow
    // one acks empty, so nothing after it is left to bound, and waiting for a place would cost each command a
    // second piece of a turn's work and a promise.
    app.processEvent = (event) =>
      isSlashCommand(event.body)
        ? processEvent(event)
        : processEvent({ ...event, ack: (response) => event.ack(response).then(afterAnswer) });
  }
  // The slash command first: it is no event, so neither Bolt's own-message filter nor the `event_id` dedupe below ever
  // applies to it, and answered ahead of them the bot's hottest request skips two steps of Bolt's middleware chain
  // (each a copy of the arguments, a closure and a promise). Hence `ignoreSelf: false` above: the same Bolt filter is
  // registered here instead, after the command, for the events it is for.
  registerCommands(app, deps);
  app.use(ignoreSelf);
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await deps.dedupe.firstSeen(`event:${eventId}`, deps.clock.now()))) return;
    await next();
  });
  registerEvents(app, deps);
  registerMessages(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerShortcuts(app, deps);
  app.error(async (error) => {
    logger.error('unhandled Slack error', error.message);
  });
  return receiver && gate && replays ? { app, receiver, admission: gate, replays } : { app };
}
