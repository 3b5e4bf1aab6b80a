import type { AllMiddlewareArgs, BlockAction, RadioButtonsAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { isAdmin } from '../../../domain/actor.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildNoticeModal } from '../../blocks/build-notice-modal.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<RadioButtonsAction>>;

/**
 * The notice form's kind was switched (maintenance window ↔ policy change): redraw the form for that kind. The view's
 * hash makes Slack refuse the update if the form changed meanwhile, so a stale redraw cannot overwrite it.
 */
export function createNoticeKindHandler(deps: SlackDeps) {
  return async ({ ack, action, body, client, logger }: Args): Promise<void> => {
    await ack();
    if (!body.view || !isAdmin({ role: deps.roleOf(body.user.id) })) return;
    try {
      const kind = action.selected_option?.value === 'policy' ? 'policy' : 'maintenance';
      const t = catalogFor(await deps.languageOf(body.user.id));
      await client.views.update({
        view_id: body.view.id,
        hash: body.view.hash,
        view: buildNoticeModal(t, deps.announceChannels, deps.clock.now(), kind),
      });
    } catch (error) {
      // Nothing to tell the admin beyond the form itself: the kind they picked stays selected, and submitting it
      // shows every missing field.
      logger.error('notice kind switch failed', { user: body.user.id, error: String(error) });
    }
  };
}
