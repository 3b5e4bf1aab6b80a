import type { TableBlock } from '@slack/types';
import { truncate } from '../../lib/mrkdwn.js';

// Slack's table block: at most 100 rows (the header row included) of at most 20 cells; one table per message.
const MAX_ROWS = 100;
const MAX_CELLS = 20;

/**
 * A Block Kit `table` block: a header row, then the data rows, every cell `raw_text`. Slack's own syntax in a cell
 * (`<!here>`, `<@U1>`, `<!subteam^S1>`) is broken with an invisible word joiner after `<`, so an imported company
 * name can never ping anyone while it still reads as typed (`&lt;` would show literally in raw text). Rows beyond Slack's 100 are left out; the caller's title says how many match.
 * @example buildTableBlock(['Id', 'Total'], [['26112000000000100010', '¥1,500.00']]).rows.length // 2
 */
export function buildTableBlock(header: readonly string[], rows: ReadonlyArray<readonly string[]>): TableBlock {
  const cells = (row: readonly string[]) =>
    row
      .slice(0, MAX_CELLS)
      .map((text) => ({ type: 'raw_text' as const, text: truncate(text, 500).replace(/</g, '<\u2060') }));
  return {
    type: 'table',
    column_settings: header.slice(0, MAX_CELLS).map(() => ({ is_wrapped: true })),
    rows: [header, ...rows.slice(0, MAX_ROWS - 1)].map(cells),
  };
}
