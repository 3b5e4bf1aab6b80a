import type { Choice, InvoiceCard, Reply } from '../../flows/reply.js';
import { toSlackText, truncate } from '../../lib/mrkdwn.js';
import { buttonIds } from '../button-choice.js';
import {
  bannerText,
  diagnosisText,
  fallbackText,
  fieldText,
  footerText,
  headerText,
  MAX_BLOCKS,
  MAX_FIELDS,
  MAX_FOOTER,
  MAX_TOTAL_CHARS,
  timelineText,
} from './build-reply-message.js';

// What JSON.stringify escapes in a string: quotes, backslashes, control characters, lone surrogates (a pair is kept,
// but any surrogate sends the string the slow way).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

// A string as JSON: JSON.stringify itself when anything needs escaping, so the escaping is exactly a whole-object
// stringify's; otherwise just quoted (JSON.stringify on a lone string costs a stringifier's set-up per call, which
// was most of this writer's time).
function q(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * The JSON text of `{ response_type, text, blocks }` for replies made of text, invoice cards and feedback prompts —
 * character for character what `JSON.stringify` gives for `buildReplyMessage(replies)` — written straight from the
 * replies, without building the blocks as objects first. A lookup's answer (~2.2 KB, ~40 objects) is sent in every
 * slash command's ack: the blocks and Bolt's stringify of them (which grows a two-byte buffer for the Chinese names)
 * allocated ~14 KB of the ~57 KB a command allocates (docs/benchmarks.md, slash15). `undefined` for anything else
 * (lists, choices, charts) and for a message Slack's limits would cut: the caller then builds the blocks as usual.
 * @example JSON.parse(replyMessageJson([{ kind: 'text', text: 'hi' }], 'ephemeral') ?? '').blocks[0].type // 'section'
 */
export function replyMessageJson(replies: readonly Reply[], responseType: 'ephemeral'): string | undefined {
  const out: Written = { json: '', blocks: 0, chars: 0 };
  for (const r of replies) {
    if (r.kind === 'text') section(out, toSlackText(r.text));
    else if (r.kind === 'invoice') card(out, r.card);
    else if (r.kind === 'feedback') feedback(out, toSlackText(r.text), r.helpful, r.unhelpful);
    else return undefined;
  }
  // `fitSlackLimits` would cut this message: let it.
  if (out.blocks >= MAX_BLOCKS || out.chars > MAX_TOTAL_CHARS) return undefined;
  return `{"response_type":${q(responseType)},"text":${q(fallbackText(replies))},"blocks":[${out.json}]}`;
}

// The blocks written so far (comma-separated), how many, and the characters of their `text` strings, counted as
// `fitSlackLimits` counts them.
type Written = { json: string; blocks: number; chars: number };

function block(out: Written, json: string): void {
  out.json += out.blocks === 0 ? json : `,${json}`;
  out.blocks += 1;
}

// A `text` string, counted.
function text(out: Written, value: string): string {
  out.chars += value.length;
  return q(value);
}

function section(out: Written, mrkdwn: string): void {
  block(out, `{"type":"section","text":{"type":"mrkdwn","text":${text(out, truncate(mrkdwn, 3000))}}}`);
}

function context(out: Written, mrkdwn: readonly string[]): void {
  let elements = '';
  for (const m of mrkdwn) elements += `${elements === '' ? '' : ','}{"type":"mrkdwn","text":${text(out, m)}}`;
  block(out, `{"type":"context","elements":[${elements}]}`);
}

function button(out: Written, choice: Choice): string {
  const { action_id, value } = buttonIds(choice.id);
  const style = choice.style ? `,"style":${q(choice.style)}` : '';
  return `{"type":"button","text":{"type":"plain_text","text":${text(out, truncate(choice.label, 75))}},"action_id":${q(action_id)},"value":${q(truncate(value, 2000))}${style}}`;
}

function card(out: Written, c: InvoiceCard): void {
  block(out, `{"type":"header","text":{"type":"plain_text","text":${text(out, headerText(c))}}}`);
  if (c.banner) section(out, bannerText(c.banner));
  for (let i = 0; i < c.fields.length; i += MAX_FIELDS) {
    let fields = '';
    for (const f of c.fields.slice(i, i + MAX_FIELDS))
      fields += `${fields === '' ? '' : ','}{"type":"mrkdwn","text":${text(out, fieldText(f))}}`;
    block(out, `{"type":"section","fields":[${fields}]}`);
  }
  context(out, [timelineText(c)]);
  section(out, diagnosisText(c));
  if (c.actions.length > 0) {
    let elements = '';
    for (const a of c.actions) elements += `${elements === '' ? '' : ','}${button(out, a)}`;
    block(out, `{"type":"actions","elements":[${elements}]}`);
  }
  if (c.footer.length > 0) context(out, c.footer.slice(0, MAX_FOOTER).map(footerText));
}

// As buildFeedbackBlock: the question as context, then one `feedback_buttons` element.
function feedback(out: Written, question: string, helpful: Choice, unhelpful: Choice): void {
  context(out, [truncate(question, 3000)]);
  const positive = buttonIds(helpful.id);
  const negative = buttonIds(unhelpful.id);
  block(
    out,
    `{"type":"context_actions","elements":[{"type":"feedback_buttons","action_id":${q(positive.action_id)},"positive_button":${thumb(out, '👍', positive.value, helpful.label)},"negative_button":${thumb(out, '👎', negative.value, unhelpful.label)}}]}`,
  );
}

function thumb(out: Written, emoji: string, value: string, label: string): string {
  return `{"text":{"type":"plain_text","text":${text(out, emoji)}},"value":${q(truncate(value, 2000))},"accessibility_label":${q(truncate(label, 75))}}`;
}
