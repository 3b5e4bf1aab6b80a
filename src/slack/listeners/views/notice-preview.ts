import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { NoticeDraftSchema } from '../../notice-form.js';
import type { SlackDeps } from '../../slack-deps.js';
import { actOnceAndReport } from './act-once.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** Send on the preview: schedule and post the notice (once), then DM the admin the delivery report. */
export function createNoticePreviewHandler(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    await actOnceAndReport(deps, args, 'notice preview', (actor) =>
      deps.notices.send(
        actor,
        NoticeDraftSchema.parse(JSON.parse(args.view.private_metadata)),
        catalogFor(deps.language),
      ),
    );
  };
}
