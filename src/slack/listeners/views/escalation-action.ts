import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { type EscalationAction, RESOLUTION_CAUSES, type ResolutionCause } from '../../../domain/escalation.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { neutraliseMentions, toPlainText } from '../../../lib/mrkdwn.js';
import type { EscalationFailure } from '../../../services/escalations.js';
import { ActionBlock } from '../../ids.js';
import { readMetadata } from '../../read-metadata.js';
import type { SlackDeps } from '../../slack-deps.js';
import { actOnceAndReport } from './act-once.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type Values = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>
>;

const Meta = z.object({ id: z.string(), action: z.enum(['resolve', 'waiting', 'assign', 'duplicate']) });

// Which field a refusal from the service belongs to; others (a stale form, a finished escalation) still go by DM.
const FIELD_AT_FAULT: Partial<Record<EscalationFailure['code'], string>> = {
  assignee_not_allowed: ActionBlock.assignee,
  different_invoice: ActionBlock.reason,
  duplicate_self: ActionBlock.original,
};

/** The resolve / waiting / assign / duplicate form was submitted: check it, act, and DM the lead the outcome. */
export function createEscalationActionFormHandler(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    const { ack, body, view } = args;
    const language = await deps.languageOf(body.user.id);
    const t = catalogFor(language).escalations.actionForm;
    const meta = readMetadata(Meta, view.private_metadata);
    if (!meta) {
      await ack();
      await actOnceAndReport(deps, args, 'escalation action form', language, async () => [
        { kind: 'text', text: catalogFor(language).formUnreadable },
      ]);
      return;
    }
    const values = view.state.values as Values;
    const get = (block: string) => values[block]?.value;
    let action: EscalationAction | undefined;
    const errors: Record<string, string> = {};
    if (meta.action === 'resolve') {
      const cause = get(ActionBlock.cause)?.selected_option?.value ?? 'other';
      const note = neutraliseMentions((get(ActionBlock.note)?.value ?? '').trim());
      if (!note) errors[ActionBlock.note] = t.noteRequired;
      action = {
        kind: 'resolve',
        cause: (RESOLUTION_CAUSES as readonly string[]).includes(cause) ? (cause as ResolutionCause) : 'other',
        note,
      };
    } else if (meta.action === 'waiting') {
      const question = (get(ActionBlock.question)?.value ?? '').trim();
      if (!question) errors[ActionBlock.question] = t.questionRequired;
      action = { kind: 'waiting', question };
    } else if (meta.action === 'assign') {
      action = { kind: 'assign', to: get(ActionBlock.assignee)?.selected_user ?? '' };
    } else {
      const original = (get(ActionBlock.original)?.value ?? '').trim().toUpperCase();
      if (!/^ESC-\d{8}-\d{3,}$/.test(original) || original === meta.id) errors[ActionBlock.original] = t.badOriginal;
      const reason = (get(ActionBlock.reason)?.value ?? '').trim();
      action = { kind: 'duplicate', of: original, ...(reason ? { reason } : {}) };
    }
    // The service's own rules (who can be assigned, a duplicate of another invoice needs a reason) are shown on the
    // field at fault while the lead can still correct it, not in a DM after the form has closed.
    if (Object.keys(errors).length === 0) {
      const refused = await deps.escalations.check(
        { userId: body.user.id, role: deps.roleOf(body.user.id) },
        meta.id,
        action,
      );
      const field = refused && FIELD_AT_FAULT[refused.code];
      if (refused && field) errors[field] = toPlainText(refused.text);
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await actOnceAndReport(deps, args, 'escalation action form', language, (actor) =>
      deps.escalations.apply(actor, meta.id, action, language),
    );
  };
}
