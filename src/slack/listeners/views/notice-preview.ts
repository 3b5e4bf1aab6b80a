import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { NoticeDraftSchema } from '../../notice-form.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Send on the preview: schedule and post the notice, then DM the admin the delivery report. */
export function createNoticePreviewHandler(deps: SlackDeps) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    await ack();
    const t = catalogFor(deps.language);
    try {
      // A re-delivered submission must not post the announcement twice.
      if (!(await deps.dedupe.firstSeen(`view:${view.id}:${view.hash}`, deps.clock.now()))) return;
      const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
      const draft = NoticeDraftSchema.parse(JSON.parse(view.private_metadata));
      const replies = await deps.notices.send(actor, draft, t);
      await client.chat.postMessage({ channel: body.user.id, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('notice preview failed', { user: body.user.id, error: String(error) });
      await client.chat.postMessage({ channel: body.user.id, text: t.apology });
    }
  };
}
