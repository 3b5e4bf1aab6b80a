import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { isAdmin } from '../../../domain/actor.js';
import { validateNotice } from '../../../domain/notice.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildNoticePreview } from '../../blocks/build-notice-modal.js';
import { NoticeBlock } from '../../ids.js';
import type { NoticeDrafts } from '../../notice-drafts.js';
import { PROBLEM_BLOCK, readNoticeForm } from '../../notice-form.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/** The notice form was submitted: show every problem in the form, or replace it with the preview. Nothing is sent. */
export function createNoticeFormHandler(deps: SlackDeps, drafts: NoticeDrafts) {
  return async ({ ack, body, view }: Args): Promise<void> => {
    const t = catalogFor(await deps.languageOf(body.user.id));
    const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
    if (!isAdmin(actor)) {
      await ack({ response_action: 'errors', errors: { [NoticeBlock.system]: t.notices.refused } });
      await deps.audit.record({
        at: deps.clock.now().toISOString(),
        user: actor.userId,
        action: 'refused',
        detail: 'notice form',
      });
      return;
    }
    const draft = readNoticeForm(view.state.values as never);
    const problems = validateNotice(draft, deps.clock.now());
    if (problems.length > 0) {
      const errors: Record<string, string> = {};
      for (const p of problems)
        errors[PROBLEM_BLOCK[p.field]] = [errors[PROBLEM_BLOCK[p.field]], t.notices.problem(p)]
          .filter(Boolean)
          .join(' ');
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({
      response_action: 'update',
      view: buildNoticePreview(t, deps.notices.describe(actor, draft), await drafts.put(actor.userId, draft)),
    });
  };
}
