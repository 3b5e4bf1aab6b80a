import type { HomeView } from '@slack/types';
import type { Catalog } from '../../i18n/catalog.js';

/** The App Home tab: active and upcoming maintenance first, then what the bot does and how fresh its data is. */
export function buildHomeView(t: Catalog, status: string, windows: readonly string[]): HomeView {
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
      { type: 'section', text: { type: 'mrkdwn', text: t.help } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: status }] },
    ],
  };
}
