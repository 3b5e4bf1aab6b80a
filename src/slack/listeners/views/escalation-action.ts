import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { STEP_IDS } from '../../../domain/checklist.js';
import type { EscalationAction } from '../../../domain/escalation.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { ActionBlock } from '../../ids.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type Values = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>
>;

const Meta = z.object({ id: z.string(), action: z.enum(['resolve', 'assign', 'duplicate']) });
const CAUSES = [...STEP_IDS, 'other'] as const;

/** The resolve / assign / duplicate form was submitted: check it, act, and DM the lead the outcome. */
export function createEscalationActionFormHandler(deps: SlackDeps) {
  return async ({ ack, body, view, client, logger }: Args): Promise<void> => {
    const t = catalogFor(deps.language).escalations.actionForm;
    const meta = Meta.parse(JSON.parse(view.private_metadata));
    const values = view.state.values as Values;
    const get = (block: string) => values[block]?.value;
    let action: EscalationAction | undefined;
    const errors: Record<string, string> = {};
    if (meta.action === 'resolve') {
      const cause = get(ActionBlock.cause)?.selected_option?.value ?? 'other';
      const note = (get(ActionBlock.note)?.value ?? '').trim();
      if (!note) errors[ActionBlock.note] = t.noteRequired;
      action = {
        kind: 'resolve',
        cause: (CAUSES as readonly string[]).includes(cause) ? (cause as (typeof CAUSES)[number]) : 'other',
        note,
      };
    } else if (meta.action === 'assign') {
      action = { kind: 'assign', to: get(ActionBlock.assignee)?.selected_user ?? '' };
    } else {
      const original = (get(ActionBlock.original)?.value ?? '').trim().toUpperCase();
      if (!/^ESC-\d{8}-\d{3,}$/.test(original) || original === meta.id) errors[ActionBlock.original] = t.badOriginal;
      action = { kind: 'duplicate', of: original };
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    try {
      if (!(await deps.dedupe.firstSeen(`view:${view.id}:${view.hash}`, deps.clock.now()))) return;
      const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
      const replies = await deps.escalations.apply(actor, meta.id, action, deps.language);
      await client.chat.postMessage({ channel: body.user.id, ...buildReplyMessage(replies) });
    } catch (error) {
      logger.error('escalation action form failed', { user: body.user.id, error: String(error) });
      await client.chat.postMessage({ channel: body.user.id, text: catalogFor(deps.language).apology });
    }
  };
}
