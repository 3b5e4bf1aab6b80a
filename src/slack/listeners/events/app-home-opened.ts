import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { formatters } from '../../../i18n/formatters.js';
import { escapeMrkdwn } from '../../../lib/mrkdwn.js';
import { formatLocal } from '../../../lib/time.js';
import { buildHomeView } from '../../blocks/build-home-view.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/** Publishes the App Home when a user opens it. */
export function createAppHomeOpenedHandler(deps: SlackDeps) {
  return async ({ event, client, logger }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      const t = catalogFor(deps.language);
      const actor = { userId: event.user, role: deps.roleOf(event.user) };
      // Read together: each may be a round trip to the database.
      const [health, allWindows, policyLines, escalationReplies] = await Promise.all([
        deps.health(),
        deps.windows.windows(),
        deps.notices.policyLines(),
        deps.escalations.list(actor, '', deps.language),
      ]);
      const status = escapeMrkdwn(t.healthSummary(health, formatters(deps.zone)));
      const now = deps.clock.now().toISOString();
      const windows = allWindows
        .filter((w) => w.endsAt > now)
        .map((w) =>
          escapeMrkdwn(`🛠 ${w.title} — ${formatLocal(w.startsAt, deps.zone)} – ${formatLocal(w.endsAt, deps.zone)}`),
        );
      const policies = policyLines.map(escapeMrkdwn);
      const escalations = buildReplyMessage(escalationReplies).blocks;
      await client.views.publish({
        user_id: event.user,
        view: buildHomeView(t, status, windows, escalations, policies),
      });
    } catch (error) {
      logger.error('app_home_opened failed', { user: event.user, error: String(error) });
    }
  };
}
