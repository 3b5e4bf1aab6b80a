import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isFinance } from '../../../domain/actor.js';
import { homeStatus } from '../../../domain/home-status.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { formatters } from '../../../i18n/formatters.js';
import { escapeMrkdwn } from '../../../lib/mrkdwn.js';
import { formatLocal } from '../../../lib/time.js';
import { buildHomeView } from '../../blocks/build-home-view.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/**
 * Publishes the App Home when a user opens it (the record counts and the bot's figures for finance leads and admins
 * only); the first time someone opens the Messages tab, greets them there once with what the bot can do for them.
 */
export function createAppHomeOpenedHandler(deps: SlackDeps) {
  return async ({ event, client, logger }: Args): Promise<void> => {
    if (event.tab === 'messages') return greet(deps, event, client, logger);
    if (event.tab !== 'home') return;
    try {
      // Nobody typed anything here: the person's own language, as their answers use.
      const language = await deps.languageOf(event.user);
      const t = catalogFor(language);
      const actor = { userId: event.user, role: deps.roleOf(event.user) };
      // Read together: each may be a round trip to the database.
      const [health, allWindows, policyLines, escalationReplies] = await Promise.all([
        deps.health(),
        deps.windows.windows(),
        deps.notices.policyLines(),
        deps.escalations.list(actor, '', language),
      ]);
      const status = escapeMrkdwn(t.healthSummary(homeStatus(actor, health), formatters(deps.zone)));
      const now = deps.clock.now().toISOString();
      const windows = allWindows
        .filter((w) => w.endsAt > now)
        .map((w) =>
          escapeMrkdwn(`🛠 ${w.title} — ${formatLocal(w.startsAt, deps.zone)} – ${formatLocal(w.endsAt, deps.zone)}`),
        );
      const policies = policyLines.map(escapeMrkdwn);
      const escalations = buildReplyMessage(escalationReplies).blocks;
      // The role decides, from the verified user id: an employee's Home is built without any company-wide figure.
      const figures = isFinance(actor) ? await deps.dashboard(actor, language) : [];
      const dashboard =
        figures.length > 0
          ? [
              { type: 'header' as const, text: { type: 'plain_text' as const, text: t.stats.home.title } },
              { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: t.stats.home.period }] },
              ...buildReplyMessage(figures, { maxCharts: 3 }).blocks,
              { type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: t.stats.home.more }] },
            ]
          : [];
      await client.views.publish({
        user_id: event.user,
        view: buildHomeView(t, status, windows, escalations, policies, dashboard),
      });
    } catch (error) {
      logger.error('app_home_opened failed', { user: event.user, error: String(error) });
    }
  };
}

// The first visit to the Messages tab, once per person (Slack re-deliveries and several replicas included).
async function greet(deps: SlackDeps, event: Args['event'], client: Args['client'], logger: Args['logger']) {
  try {
    if (!(await deps.greetings.firstVisit(event.user))) return;
    const text = catalogFor(await deps.languageOf(event.user)).stats.greeting(deps.roleOf(event.user));
    await client.chat.postMessage({ channel: event.channel || event.user, text });
  } catch (error) {
    logger.error('greeting failed', { user: event.user, error: String(error) });
  }
}
