import type { HomeView } from '@slack/types';
import type { Catalog } from '../../i18n/catalog.js';

/** The App Home tab: what the bot does and how fresh its data is. */
export function buildHomeView(t: Catalog, status: string): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t.help } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: status }] },
    ],
  };
}
