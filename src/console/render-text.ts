import type { Chart, Choice, InvoiceCard, Reply, TimelineStep } from '../flows/reply.js';
import { toPlainText } from '../lib/mrkdwn.js';

const MARK: Record<TimelineStep['state'], string> = { done: '✅', pending: '⏳', failed: '❌' };

/** Replies as terminal text, with every choice numbered from 1 across the whole turn. */
export function renderText(replies: readonly Reply[]): { text: string; choices: Choice[] } {
  const choices: Choice[] = [];
  const number = (c: Choice) => {
    choices.push(c);
    return `[${choices.length}] ${c.label}`;
  };
  const blocks = replies.map((r) => {
    if (r.kind === 'text') return r.text;
    if (r.kind === 'list')
      return [
        r.title,
        ...r.items.map((i) => (i.choice ? `  ${number({ ...i.choice, label: i.text })}` : `  • ${i.text}`)),
      ].join('\n');
    if (r.kind === 'choices') return [r.text, r.choices.map(number).join('   ')].join('\n');
    if (r.kind === 'feedback') return `${r.text} ${number(r.helpful)}   ${number(r.unhelpful)}`;
    if (r.kind === 'chart') return renderChart(r.chart);
    return renderCard(r.card, number);
  });
  return { text: toPlainText(blocks.join('\n\n')), choices };
}

function renderCard(card: InvoiceCard, number: (c: Choice) => string): string {
  const lines = [`━━ ${card.title} ━━`];
  if (card.banner) lines.push(`⚠️  ${card.banner}`);
  for (const f of card.fields) lines.push(`${f.label}: ${f.value}`);
  lines.push(
    `${card.timeline.label}: ${card.timeline.steps.map((s) => `${MARK[s.state]} ${s.label}${s.at ? ` ${s.at}` : ''}`).join(' → ')}`,
  );
  lines.push(`➜ ${card.diagnosis.headline}`);
  for (const e of card.diagnosis.evidence) lines.push(`   • ${e}`);
  lines.push(`➜ ${card.diagnosis.next}`);
  for (const f of card.footer) lines.push(`(${f})`);
  if (card.actions.length > 0) lines.push(card.actions.map(number).join('   '));
  return lines.join('\n');
}

// A terminal draws no charts: the takeaway, then each category with its values (one column per series).
function renderChart(chart: Chart): string {
  const lines = [`${chart.title} — ${chart.summary}`];
  const names = chart.series.length > 1 ? `  (${chart.series.map((s) => s.name).join(' / ')})` : '';
  if (names) lines.push(names);
  chart.categories.forEach((category, i) => {
    lines.push(`  ${category}: ${chart.series.map((s) => s.values[i] ?? 0).join(' / ')}`);
  });
  return lines.join('\n');
}
