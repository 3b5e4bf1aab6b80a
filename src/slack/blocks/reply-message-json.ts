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

// A string as JSON, pushed as its pieces: JSON.stringify itself when anything needs escaping, so the escaping is
// exactly a whole-object stringify's; otherwise the string between two quotes (JSON.stringify on a lone string costs
// a stringifier's set-up per call).
function q(out: Written, value: string): void {
  if (NEEDS_ESCAPE.test(value)) put(out, JSON.stringify(value));
  else {
    put(out, '"');
    put(out, value);
    put(out, '"');
  }
}

/**
 * The JSON text of `{ response_type, text, blocks }` for replies made of text, invoice cards and feedback prompts —
 * character for character what `JSON.stringify` gives for `buildReplyMessage(replies)` — written straight from the
 * replies, without building the blocks as objects first. A lookup's answer (~2.2 KB, ~40 objects) is sent in every
 * slash command's ack: the blocks and Bolt's stringify of them (which grows a two-byte buffer for the Chinese names)
 * allocated ~14 KB of the ~57 KB a command allocates (docs/benchmarks.md, slash15). The pieces are joined once, at
 * the end, into the one string sent. `undefined` for anything else (lists, choices, charts) and for a message
 * Slack's limits would cut: the caller then builds the blocks as usual.
 * @example JSON.parse(replyMessageJson([{ kind: 'text', text: 'hi' }], 'ephemeral') ?? '').blocks[0].type // 'section'
 */
export function replyMessageJson(replies: readonly Reply[], responseType: 'ephemeral'): string | undefined {
  for (const r of replies) if (r.kind !== 'text' && r.kind !== 'invoice' && r.kind !== 'feedback') return undefined;
  const out: Written = { n: 0, blocks: 0, chars: 0 };
  put(out, '{"response_type":');
  q(out, responseType);
  put(out, ',"text":');
  q(out, fallbackText(replies));
  put(out, ',"blocks":[');
  for (const r of replies) {
    if (r.kind === 'text') section(out, toSlackText(r.text));
    else if (r.kind === 'invoice') card(out, r.card);
    else if (r.kind === 'feedback') feedback(out, toSlackText(r.text), r.helpful, r.unhelpful);
  }
  put(out, ']}');
  // `fitSlackLimits` would cut this message: let it.
  return joined(out, out.blocks < MAX_BLOCKS && out.chars <= MAX_TOTAL_CHARS);
}

// The pieces written as one string (when `wanted`), with what an earlier, longer message left past them emptied
// first, so it joins as nothing. (`put` has already counted every piece written in `dirty`.)
function joined(out: Written, wanted: boolean): string | undefined {
  if (!wanted) return undefined;
  for (let i = out.n; i < dirty; i += 1) PARTS[i] = '';
  dirty = out.n;
  const json = PARTS.join('');
  if (PARTS.length > MAX_KEPT_PARTS) {
    PARTS.length = 0;
    dirty = 0;
  }
  return json;
}

// The pieces of the message being written, in one array kept from call to call (the writer is synchronous, so one is
// enough): grown afresh for every message, its backing store was ~3 KB of garbage per command. `dirty` counts the
// entries that may still hold an earlier message's pieces; an array grown past `MAX_KEPT_PARTS` is let go.
const PARTS: string[] = [];
let dirty = 0;
const MAX_KEPT_PARTS = 2000;

// How many pieces are written, how many blocks they hold, and the characters of their `text` strings, counted as
// `fitSlackLimits` counts them.
type Written = { n: number; blocks: number; chars: number };

function put(out: Written, piece: string): void {
  PARTS[out.n] = piece;
  out.n += 1;
  // Counted as written, so a message that throws part-way is emptied too before the next one joins.
  if (out.n > dirty) dirty = out.n;
}

// Starts a block: a comma after the one before.
function block(out: Written, opening: string): void {
  put(out, out.blocks === 0 ? opening : `,${opening}`);
  out.blocks += 1;
}

// A `text` string, counted.
function text(out: Written, value: string): void {
  out.chars += value.length;
  q(out, value);
}

function section(out: Written, mrkdwn: string): void {
  block(out, '{"type":"section","text":{"type":"mrkdwn","text":');
  text(out, truncate(mrkdwn, 3000));
  put(out, '}}');
}

// One `{"type":"mrkdwn","text":…}` element, after a comma unless it is the first.
function mrkdwnElement(out: Written, first: boolean, value: string): void {
  put(out, first ? '{"type":"mrkdwn","text":' : ',{"type":"mrkdwn","text":');
  text(out, value);
  put(out, '}');
}

// The elements for `items[from]` up to (not including) `items[to]`, each as `textOf` renders it: written from the
// card's own arrays, with no slice of them and no array of their texts per block (two or three per answer).
function mrkdwnElements<T>(
  out: Written,
  items: readonly T[],
  from: number,
  to: number,
  textOf: (item: T) => string,
): void {
  const end = Math.min(to, items.length);
  for (let i = from; i < end; i += 1) mrkdwnElement(out, i === from, textOf(items[i] as T));
}

// A context block of one mrkdwn element.
function context(out: Written, mrkdwn: string): void {
  block(out, '{"type":"context","elements":[');
  mrkdwnElement(out, true, mrkdwn);
  put(out, ']}');
}

function button(out: Written, choice: Choice): void {
  const { action_id, value } = buttonIds(choice.id);
  put(out, '{"type":"button","text":{"type":"plain_text","text":');
  text(out, truncate(choice.label, 75));
  put(out, '},"action_id":');
  q(out, action_id);
  put(out, ',"value":');
  q(out, truncate(value, 2000));
  if (choice.style) {
    put(out, ',"style":');
    q(out, choice.style);
  }
  put(out, '}');
}

function card(out: Written, c: InvoiceCard): void {
  block(out, '{"type":"header","text":{"type":"plain_text","text":');
  text(out, headerText(c));
  put(out, '}}');
  if (c.banner) section(out, bannerText(c.banner));
  for (let i = 0; i < c.fields.length; i += MAX_FIELDS) {
    block(out, '{"type":"section","fields":[');
    mrkdwnElements(out, c.fields, i, i + MAX_FIELDS, fieldText);
    put(out, ']}');
  }
  context(out, timelineText(c));
  section(out, diagnosisText(c));
  if (c.actions.length > 0) {
    block(out, '{"type":"actions","elements":[');
    for (let i = 0; i < c.actions.length; i += 1) {
      if (i > 0) put(out, ',');
      button(out, c.actions[i] as Choice);
    }
    put(out, ']}');
  }
  if (c.footer.length > 0) {
    block(out, '{"type":"context","elements":[');
    mrkdwnElements(out, c.footer, 0, MAX_FOOTER, footerText);
    put(out, ']}');
  }
}

// As buildFeedbackBlock: the question as context, then one `feedback_buttons` element.
function feedback(out: Written, question: string, helpful: Choice, unhelpful: Choice): void {
  context(out, truncate(question, 3000));
  const positive = buttonIds(helpful.id);
  block(out, '{"type":"context_actions","elements":[{"type":"feedback_buttons","action_id":');
  q(out, positive.action_id);
  put(out, ',"positive_button":');
  thumb(out, '👍', positive.value, helpful.label);
  put(out, ',"negative_button":');
  const negative = buttonIds(unhelpful.id);
  thumb(out, '👎', negative.value, unhelpful.label);
  put(out, '}]}');
}

function thumb(out: Written, emoji: string, value: string, label: string): void {
  put(out, '{"text":{"type":"plain_text","text":');
  text(out, emoji);
  put(out, '},"value":');
  q(out, truncate(value, 2000));
  put(out, ',"accessibility_label":');
  q(out, truncate(label, 75));
  put(out, '}');
}
