import type { Chart } from '../../flows/reply.js';
import { truncate } from '../../lib/mrkdwn.js';

/** One labelled value: a point of a series, or a slice of a pie. */
export type ChartDataPoint = { label: string; value: number };

/** A named series of points, one per axis category. */
export type ChartDataSeries = { name: string; data: ChartDataPoint[] };

/** The x axis's categories and both axes' titles. */
export type ChartAxisConfig = { categories: string[]; x_label?: string; y_label?: string };

/**
 * Slack's `data_visualization` block (Slack docs, "Data visualization block"), which `@slack/types` 3.2 does not type
 * yet: a titled line, bar, area or pie chart.
 */
export type DataVisualizationBlock = {
  type: 'data_visualization';
  block_id?: string;
  title: string;
  chart:
    | { type: 'pie'; segments: ChartDataPoint[] }
    | { type: 'line' | 'bar' | 'area'; series: ChartDataSeries[]; axis_config: ChartAxisConfig };
};

/**
 * The block's limits, from Slack's reference: title ≤ 50 characters; 1–6 series or pie segments; 1–20 points a
 * series; series names, point labels and categories ≤ 20 characters; axis titles ≤ 50; at most two charts a message.
 */
export const CHART_LIMITS = {
  title: 50,
  label: 20,
  axisLabel: 50,
  series: 6,
  segments: 6,
  points: 20,
  perMessage: 2,
} as const;

/**
 * Slack's chart for a flow's chart, cut to the block's limits: a line or bar chart keeps its last 20 categories (the
 * most recent weeks) and first six series; a pie keeps its five largest slices and folds the rest into `other`.
 * Undefined when there is nothing to draw (no categories, or every value zero): say so in text instead.
 * @example buildChartBlock({ type: 'pie', title: 'Outcome', summary: '…', categories: ['Bot', 'Finance'], series: [{ name: 'n', values: [3, 1] }] }, 'Other')?.chart.type // 'pie'
 */
export function buildChartBlock(chart: Chart, other: string): DataVisualizationBlock | undefined {
  const title = truncate(chart.title, CHART_LIMITS.title);
  const label = (text: string) => truncate(text, CHART_LIMITS.label);
  const values = chart.series.flatMap((s) => s.values);
  if (chart.categories.length === 0 || values.every((v) => v === 0)) return undefined;
  if (chart.type === 'pie') {
    const slices = chart.categories
      .map((category, i) => ({ label: label(category), value: chart.series[0]?.values[i] ?? 0 }))
      .filter((s) => s.value > 0)
      .sort((a, b) => b.value - a.value);
    const kept = slices.length > CHART_LIMITS.segments ? slices.slice(0, CHART_LIMITS.segments - 1) : slices;
    const rest = slices.slice(kept.length).reduce((sum, s) => sum + s.value, 0);
    return {
      type: 'data_visualization',
      title,
      chart: { type: 'pie', segments: rest > 0 ? [...kept, { label: label(other), value: rest }] : kept },
    };
  }
  const from = Math.max(0, chart.categories.length - CHART_LIMITS.points);
  const categories = chart.categories.slice(from).map(label);
  return {
    type: 'data_visualization',
    title,
    chart: {
      type: chart.type,
      series: chart.series.slice(0, CHART_LIMITS.series).map((s) => ({
        name: label(s.name),
        data: categories.map((category, i) => ({ label: category, value: s.values[from + i] ?? 0 })),
      })),
      axis_config: {
        categories,
        ...(chart.xLabel ? { x_label: truncate(chart.xLabel, CHART_LIMITS.axisLabel) } : {}),
        ...(chart.yLabel ? { y_label: truncate(chart.yLabel, CHART_LIMITS.axisLabel) } : {}),
      },
    },
  };
}
