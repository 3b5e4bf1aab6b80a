import { describe, expect, it } from 'vitest';
import type { Chart } from '../../../src/flows/reply.js';
import { buildChartBlock, CHART_LIMITS } from '../../../src/slack/blocks/build-chart-block.js';
import { buildFeedbackBlock } from '../../../src/slack/blocks/build-feedback-block.js';
import { buildReplyMessage } from '../../../src/slack/blocks/build-reply-message.js';

const weeks = Array.from({ length: 26 }, (_, i) => `W${i + 1}`);
const line: Chart = {
  type: 'line',
  title: 'Questions and escalations per week, the last half year of them all',
  summary: '12 questions this week, up 3',
  categories: weeks,
  series: [
    { name: 'Questions', values: weeks.map((_, i) => i) },
    { name: 'Escalations raised to finance', values: weeks.map(() => 1) },
  ],
  xLabel: 'Week',
  yLabel: 'Count',
};

describe('the data_visualization builder', () => {
  it('keeps a line chart within Slack’s limits: the last 20 weeks, short labels and title', () => {
    const block = buildChartBlock(line, 'Other');
    if (block?.chart.type !== 'line') throw new Error('expected a line chart');
    expect(block.type).toBe('data_visualization');
    expect(block.title.length).toBeLessThanOrEqual(CHART_LIMITS.title);
    expect(block.chart.axis_config).toEqual({ categories: weeks.slice(6), x_label: 'Week', y_label: 'Count' });
    expect(block.chart.series.map((s) => s.name)).toEqual(['Questions', 'Escalations raised …']);
    expect(block.chart.series[0]?.data.at(0)).toEqual({ label: 'W7', value: 6 });
    expect(block.chart.series[0]?.data.at(-1)).toEqual({ label: 'W26', value: 25 });
    for (const s of block.chart.series) {
      expect(s.data.map((p) => p.label)).toEqual(block.chart.axis_config.categories);
      expect(s.name.length).toBeLessThanOrEqual(CHART_LIMITS.label);
    }
  });

  it('draws a pie of the five largest slices and folds the rest into one', () => {
    const pie: Chart = {
      type: 'pie',
      title: 'Causes',
      summary: '…',
      categories: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'zero'],
      series: [{ name: 'n', values: [1, 7, 3, 5, 2, 4, 6, 0] }],
    };
    expect(buildChartBlock(pie, 'Other')?.chart).toEqual({
      type: 'pie',
      segments: [
        { label: 'b', value: 7 },
        { label: 'g', value: 6 },
        { label: 'd', value: 5 },
        { label: 'f', value: 4 },
        { label: 'c', value: 3 },
        { label: 'Other', value: 3 },
      ],
    });
  });

  it('draws nothing when there is nothing to show', () => {
    expect(buildChartBlock({ ...line, series: [{ name: 'Questions', values: weeks.map(() => 0) }] }, 'Other')).toBe(
      undefined,
    );
    expect(buildChartBlock({ ...line, categories: [] }, 'Other')).toBe(undefined);
  });

  it('puts at most two charts in a message, each after its takeaway in text', () => {
    const message = buildReplyMessage([1, 2, 3].map(() => ({ kind: 'chart' as const, chart: line })));
    expect(message.blocks.filter((b) => b.type === 'data_visualization')).toHaveLength(2);
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(3);
    expect(message.text).toContain('12 questions this week, up 3');
  });
});

describe('the feedback control', () => {
  it('is a context_actions block with one feedback_buttons element carrying each choice', () => {
    const blocks = buildFeedbackBlock(
      'Did this solve it?',
      { id: 'fb:D26112000000000100008:up', label: 'Yes, solved' },
      { id: 'fb:D26112000000000100008:down', label: 'No' },
    );
    expect(blocks[1]).toEqual({
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: 'invoice_fb',
          positive_button: {
            text: { type: 'plain_text', text: '👍' },
            value: 'D26112000000000100008:up',
            accessibility_label: 'Yes, solved',
          },
          negative_button: {
            text: { type: 'plain_text', text: '👎' },
            value: 'D26112000000000100008:down',
            accessibility_label: 'No',
          },
        },
      ],
    });
  });
});
