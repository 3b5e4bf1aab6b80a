import { z } from 'zod';
import { AFFECTED_FUNCTIONS } from '../domain/maintenance-window.js';
import { NOTICE_SYSTEMS, type NoticeDraft, type NoticeProblem } from '../domain/notice.js';
import { POLICY_INVOICE_KINDS } from '../domain/policy-change.js';
import { neutraliseMentions } from '../lib/mrkdwn.js';
import { NoticeBlock } from './ids.js';

type Values = Record<
  string,
  Record<
    string,
    {
      selected_option?: { value: string } | null;
      selected_options?: Array<{ value: string }>;
      selected_date_time?: number | null;
      value?: string | null;
      selected_conversations?: string[];
    }
  >
>;

/** The draft as read from the notice form, parsed strictly (it then waits on the server for the preview's Send). */
export const NoticeDraftSchema = z.object({
  kind: z.enum(['maintenance', 'policy']).optional(),
  policy: z.object({ invoiceKinds: z.array(z.enum(POLICY_INVOICE_KINDS)), link: z.string().optional() }).optional(),
  system: z.enum(NOTICE_SYSTEMS),
  functions: z.array(z.enum(AFFECTED_FUNCTIONS)),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  message: z.object({ en: z.string().optional(), zh: z.string().optional() }),
  channels: z.array(z.string()),
  reminders: z.array(z.number().int().positive()),
  alreadyStarted: z.boolean(),
});

const value = (values: Values, block: string) => values[block]?.value;
const neutralise = (text: string | undefined) => (text === undefined ? undefined : neutraliseMentions(text));

/**
 * Reads the notice form's `view.state.values` into a draft. Missing pickers become values the domain's validation
 * then names (an empty list, an impossible time), so every problem shows in the form at once.
 */
export function readNoticeForm(values: Values): NoticeDraft {
  const time = (block: string) => {
    const seconds = value(values, block)?.selected_date_time;
    return new Date(typeof seconds === 'number' ? seconds * 1000 : 0).toISOString();
  };
  const system = value(values, NoticeBlock.system)?.selected_option?.value ?? 'other';
  // Notice texts are posted to whole channels: typed mention markers must stay text.
  const en = neutralise(value(values, NoticeBlock.messageEn)?.value?.trim());
  const zh = neutralise(value(values, NoticeBlock.messageZh)?.value?.trim());
  const functions = (value(values, NoticeBlock.functions)?.selected_options ?? [])
    .map((o) => o.value)
    .filter((f) => (AFFECTED_FUNCTIONS as readonly string[]).includes(f));
  const message = { ...(en ? { en } : {}), ...(zh ? { zh } : {}) };
  const channels = value(values, NoticeBlock.channels)?.selected_conversations ?? [];
  if (value(values, NoticeBlock.kind)?.selected_option?.value === 'policy') {
    // A policy change takes effect and has no end, no reminders and no "already started".
    const link = value(values, NoticeBlock.link)?.value?.trim();
    const effective = time(NoticeBlock.starts);
    return NoticeDraftSchema.parse({
      kind: 'policy',
      policy: {
        invoiceKinds: (value(values, NoticeBlock.invoiceKinds)?.selected_options ?? [])
          .map((o) => o.value)
          .filter((k) => (POLICY_INVOICE_KINDS as readonly string[]).includes(k)),
        ...(link ? { link } : {}),
      },
      system: 'etax',
      functions,
      startsAt: effective,
      endsAt: effective,
      message,
      channels,
      reminders: [],
      alreadyStarted: false,
    });
  }
  return NoticeDraftSchema.parse({
    system: (NOTICE_SYSTEMS as readonly string[]).includes(system) ? system : 'other',
    functions,
    startsAt: time(NoticeBlock.starts),
    endsAt: time(NoticeBlock.ends),
    message,
    channels,
    reminders: (value(values, NoticeBlock.reminders)?.selected_options ?? []).map((o) => Number(o.value)),
    alreadyStarted: (value(values, NoticeBlock.started)?.selected_options ?? []).length > 0,
  });
}

/** Which form block shows each problem. */
export const PROBLEM_BLOCK: Record<NoticeProblem['field'], string> = {
  startsAt: NoticeBlock.starts,
  endsAt: NoticeBlock.ends,
  message: NoticeBlock.messageZh,
  channels: NoticeBlock.channels,
  functions: NoticeBlock.functions,
  invoiceKinds: NoticeBlock.invoiceKinds,
  link: NoticeBlock.link,
};
