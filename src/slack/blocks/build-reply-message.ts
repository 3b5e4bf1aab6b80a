import type { KnownBlock } from '@slack/types';
import type { CardField, Choice, InvoiceCard, Reply, TimelineStep } from '../../flows/reply.js';
import { toSlackText, truncate } from '../../lib/mrkdwn.js';
import { buttonIds } from '../button-choice.js';
import { buildChartBlock, CHART_LIMITS, type DataVisualizationBlock } from './build-chart-block.js';
import { buildFeedbackBlock } from './build-feedback-block.js';
import { buildTableBlock } from './build-table-block.js';

// Block Kit limits (stack-notes.md): 50 blocks a message, 3000 chars a section, 2000 a field, 75 a button label.
/** Most blocks in a message. */
export const MAX_BLOCKS = 50;
/** Most fields in a section. */
export const MAX_FIELDS = 10;
const MARK: Record<TimelineStep['state'], string> = {
  done: ':white_check_mark:',
  pending: ':hourglass_flowing_sand:',
  failed: ':x:',
};

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, 3000) },
});
const e = toSlackText;

/** Any block the bot sends: the ones `@slack/types` knows, and charts. */
export type SlackBlock = KnownBlock | DataVisualizationBlock;

/** A message body: fallback `text` for notifications and screen readers, plus the blocks. */
export type SlackMessage = { text: string; blocks: SlackBlock[] };

/**
 * Renders replies as one Block Kit message, escaping every piece of text that came from a flow. `maxCharts` is two
 * for a message (Slack's limit); the App Home may hold more.
 */
export function buildReplyMessage(
  replies: readonly Reply[],
  { maxCharts = CHART_LIMITS.perMessage, maxBlocks = MAX_BLOCKS }: { maxCharts?: number; maxBlocks?: number } = {},
): SlackMessage {
  // Slack allows one table a message: a second tabular list is drawn as lines.
  let tableUsed = false;
  let charts = 0;
  const blocks = replies.flatMap((r): SlackBlock[] => {
    if (r.kind === 'text') return [section(e(r.text))];
    if (r.kind === 'feedback') return buildFeedbackBlock(e(r.text), r.helpful, r.unhelpful);
    if (r.kind === 'chart') {
      // The takeaway always goes in text: notifications, screen readers and clients without charts get only that.
      const block = charts < maxCharts ? buildChartBlock(r.chart, '…') : undefined;
      if (block) charts += 1;
      return [section(e(r.chart.summary)), ...(block ? [block] : [])];
    }
    if (r.kind === 'list' && r.table && !tableUsed) {
      tableUsed = true;
      const choices = r.items.flatMap((i) => (i.choice ? [button(i.choice)] : []));
      return [
        section(`*${e(r.title)}*`),
        buildTableBlock(r.table.header, r.table.rows),
        ...(choices.length > 0 ? [{ type: 'actions' as const, elements: choices.slice(0, 25) }] : []),
      ];
    }
    if (r.kind === 'list') return [section(`*${e(r.title)}*`), ...r.items.map((i) => listItem(i.text, i.choice))];
    if (r.kind === 'choices')
      return [section(e(r.text)), { type: 'actions', elements: r.choices.slice(0, 25).map(button) }];
    return cardBlocks(r.card);
  });
  return { text: fallbackText(replies), blocks: fitSlackLimits(blocks, maxBlocks) };
}

// Slack also rejects a message whose blocks hold more than about 13,200 characters in all (bolt-js #2509),
// even when every block is within its own limit: keep whole blocks while both budgets last, then say it was cut.
/** Most characters of `text` in all of a message's blocks. */
export const MAX_TOTAL_CHARS = 12_000;

function fitSlackLimits(blocks: SlackBlock[], maxBlocks: number): SlackBlock[] {
  const kept: SlackBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    chars += textLength(block);
    if (kept.length === maxBlocks - 1 || chars > MAX_TOTAL_CHARS) {
      kept.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] });
      return kept;
    }
    kept.push(block);
  }
  return kept;
}

// Counts the characters of every `text` string at any depth, as Slack does. A walk over the block rather than
// JSON.stringify with a replacer: that serialised each block once more only to count, ~6 % of a lookup's CPU.
function textLength(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += textLength(item);
    return n;
  }
  let n = 0;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (key === 'text' && typeof v === 'string') n += v.length;
    else if (typeof v === 'object') n += textLength(v);
  }
  return n;
}

function listItem(text: string, choice: Choice | undefined): KnownBlock {
  const block = section(`• ${e(text)}`);
  return choice ? ({ ...block, accessory: button(choice) } as KnownBlock) : block;
}

/** A button for a flow choice. */
export function button(choice: Choice): {
  type: 'button';
  text: { type: 'plain_text'; text: string };
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
} {
  const { action_id, value } = buttonIds(choice.id);
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncate(choice.label, 75) },
    action_id,
    value: truncate(value, 2000),
    ...(choice.style ? { style: choice.style } : {}),
  };
}

function cardBlocks(card: InvoiceCard): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: headerText(card) } }];
  if (card.banner) blocks.push(section(bannerText(card.banner)));
  // A section holds at most 10 fields: a card with more (a received invoice with its deduction state and requester)
  // continues in the next section rather than losing its last facts.
  for (let i = 0; i < card.fields.length; i += MAX_FIELDS)
    blocks.push({
      type: 'section',
      fields: card.fields.slice(i, i + MAX_FIELDS).map((f) => ({ type: 'mrkdwn' as const, text: fieldText(f) })),
    });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: timelineText(card) }] });
  blocks.push(section(diagnosisText(card)));
  if (card.actions.length > 0) blocks.push({ type: 'actions', elements: card.actions.map(button) });
  if (card.footer.length > 0)
    blocks.push({
      type: 'context',
      elements: card.footer.slice(0, MAX_FOOTER).map((f) => ({ type: 'mrkdwn' as const, text: footerText(f) })),
    });
  return blocks;
}

// The texts of a card's blocks, each as Slack gets it (escaped, cut to its block's limit). Shared with
// reply-message-json.ts, which writes the same blocks straight as JSON.

/** A card's most footer notes: a context block holds at most 10 elements. */
export const MAX_FOOTER = 10;

/** The card's header text (plain text: nothing to escape). */
export const headerText = (card: InvoiceCard): string => truncate(card.title, 150);

/** The maintenance banner's section text. */
export const bannerText = (banner: string): string => `:warning: *${e(banner)}*`;

/** One card field as a section field's mrkdwn. */
export const fieldText = (f: CardField): string =>
  truncate(`*${e(f.label)}*\n${f.userId ? `<@${f.userId}>` : e(f.value)}`, 2000);

/** The timeline's context text. */
export function timelineText(card: InvoiceCard): string {
  const steps = card.timeline.steps
    .map((s) => `${MARK[s.state]} ${e(s.label)}${s.at ? ` ${e(s.at)}` : ''}`)
    .join('  →  ');
  return truncate(`*${e(card.timeline.label)}:* ${steps}`, 3000);
}

/** The diagnosis section's text (before the section's own cut). */
export function diagnosisText(card: InvoiceCard): string {
  const evidence = card.diagnosis.evidence.map((x) => `\n• ${e(x)}`).join('');
  return `:mag: *${e(card.diagnosis.headline)}*${evidence}\n:point_right: ${e(card.diagnosis.next)}`;
}

/** One footer note as a context element's mrkdwn. */
export const footerText = (f: string): string => truncate(e(f), 3000);

/** The message's fallback `text` (notifications, screen readers), escaped and cut as Slack gets it. */
export function fallbackText(replies: readonly Reply[]): string {
  return truncate(e(fallback(replies)), 3000);
}

function fallback(replies: readonly Reply[]): string {
  return replies
    .map((r) => {
      if (r.kind === 'text' || r.kind === 'choices' || r.kind === 'feedback') return r.text;
      if (r.kind === 'chart') return r.chart.summary;
      return r.kind === 'list' ? r.title : `${r.card.title}: ${r.card.diagnosis.headline}`;
    })
    .join('\n');
}
