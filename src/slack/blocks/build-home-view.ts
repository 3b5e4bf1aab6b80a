import type { HomeView, KnownBlock } from '@slack/types';
import type { Catalog } from '../../i18n/catalog.js';

// A Home tab holds at most 100 blocks; the rest of the page needs fewer than ten.
const MAX_ESCALATION_BLOCKS = 80;

/**
 * The App Home tab: active and upcoming maintenance first, then the reader's escalations (the open queue, with SLA
 * badges, for finance), then what the bot does and how fresh its data is.
 */
export function buildHomeView(
  t: Catalog,
  status: string,
  windows: readonly string[],
  escalations: readonly KnownBlock[] = [],
): HomeView {
  return {
    type: 'home',
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: windows.length > 0 ? `*${t.notices.listTitle}*\n${windows.join('\n')}` : t.notices.none,
        },
      },
      { type: 'divider' },
      ...escalations.slice(0, MAX_ESCALATION_BLOCKS),
      ...(escalations.length > 0 ? [{ type: 'divider' as const }] : []),
      { type: 'section', text: { type: 'mrkdwn', text: t.help } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: status }] },
    ],
  };
}
