import type { HomeView } from '@slack/types';
import type { Catalog } from '../../i18n/catalog.js';
import type { SlackBlock } from './build-reply-message.js';

// A Home tab holds at most 100 blocks; the rest of the page needs fewer than ten, the figures about a dozen.
const MAX_HOME_BLOCKS = 100;
const OTHER_BLOCKS = 8;

/**
 * The App Home tab: for finance leads and admins the bot's figures first (`dashboard`: empty for everyone else), then
 * active and upcoming maintenance, recent and upcoming tax policy changes (when there are
 * any), then the reader's escalations (the open queue, with SLA
 * badges, for finance), then what the bot does and how fresh its data is.
 */
export function buildHomeView(
  t: Catalog,
  status: string,
  windows: readonly string[],
  escalations: readonly SlackBlock[] = [],
  policies: readonly string[] = [],
  dashboard: readonly SlackBlock[] = [],
): HomeView {
  const room = MAX_HOME_BLOCKS - OTHER_BLOCKS - (dashboard.length > 0 ? dashboard.length + 1 : 0);
  return {
    type: 'home',
    blocks: [
      ...dashboard,
      ...(dashboard.length > 0 ? [{ type: 'divider' as const }] : []),
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: windows.length > 0 ? `*${t.notices.listTitle}*\n${windows.join('\n')}` : t.notices.none,
        },
      },
      ...(policies.length > 0
        ? [
            {
              type: 'section' as const,
              text: { type: 'mrkdwn' as const, text: `*${t.notices.policyListTitle}*\n${policies.join('\n')}` },
            },
          ]
        : []),
      { type: 'divider' },
      ...escalations.slice(0, room),
      ...(escalations.length > 0 ? [{ type: 'divider' as const }] : []),
      { type: 'section', text: { type: 'mrkdwn', text: t.help } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: status }] },
    ],
  };
}
