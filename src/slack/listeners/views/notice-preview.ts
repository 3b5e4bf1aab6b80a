import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import type { NoticeDrafts } from '../../notice-drafts.js';
import type { SlackDeps } from '../../slack-deps.js';
import { actOnceAndReport } from './act-once.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Send on the preview: schedule and post the notice kept under the preview's draft id (once), then DM the report. */
export function createNoticePreviewHandler(deps: SlackDeps, drafts: NoticeDrafts) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    // The admin's report in their language; the notice itself is posted in the languages it was written in.
    const language = await deps.languageOf(args.body.user.id);
    const t = catalogFor(language);
    await actOnceAndReport(deps, args, 'notice preview', language, async (actor) => {
      const draft = await drafts.take(actor.userId, args.view.private_metadata);
      return draft ? deps.notices.send(actor, draft, t) : [{ kind: 'text', text: t.noticeDraftGone }];
    });
  };
}
