import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { extractIds } from '../../../domain/extract-ids.js';
import { invoiceKey } from '../../../domain/identifier.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { neutraliseMentions } from '../../../lib/mrkdwn.js';
import { EscalationBlock } from '../../ids.js';
import { readMetadata } from '../../read-metadata.js';
import type { SlackDeps } from '../../slack-deps.js';
import { actOnceAndReport } from './act-once.js';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

const Meta = z.object({ session: z.string().optional() });

/** The escalation form was submitted: show problems in the form, or file it and DM the requester the reference. */
export function createEscalationFormHandler(deps: SlackDeps) {
  return async (args: Args): Promise<void> => {
    const { ack, body, view } = args;
    // The person's language, as the form was shown in: its problems and the DM after it speak it too.
    const language = await deps.languageOf(body.user.id);
    const t = catalogFor(language);
    const values = view.state.values as Values;
    const id = extractIds(values[EscalationBlock.invoice]?.value?.value ?? '', deps.clock.now()).find(
      (m) => m.id && m.problems.length === 0,
    )?.id;
    const urgent = values[EscalationBlock.urgency]?.value?.selected_option?.value === 'urgent';
    const note = neutraliseMentions((values[EscalationBlock.note]?.value?.value ?? '').trim());
    const errors: Record<string, string> = {};
    if (!id) errors[EscalationBlock.invoice] = t.escalations.form.badInvoice;
    if (urgent && !note) errors[EscalationBlock.note] = t.escalations.form.urgentNeedsNote;
    if (!id || Object.keys(errors).length > 0) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    // A form opened from a walk-through escalates that walk-through, carrying every check's result.
    const meta = readMetadata(Meta, view.private_metadata);
    const session = meta?.session;
    const urgency = urgent ? 'urgent' : 'normal';
    await actOnceAndReport(deps, args, 'escalation form', language, async (actor) =>
      !meta
        ? [{ kind: 'text', text: t.formUnreadable }]
        : session
          ? deps.checklist.escalate(actor, session, urgency, note, language)
          : deps.escalations.file(actor, invoiceKey(id), urgency, note, [], language),
    );
  };
}
