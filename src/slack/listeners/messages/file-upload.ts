import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isFinance } from '../../../domain/actor.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;
type SharedFile = { id: string; name?: string };

// An export is a few megabytes at most; anything far larger is not one.
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * A finance lead sent the bot an export file in a DM: fetch it through the Web API (`files.info`, then
 * `url_private` with the bot token), put it in the inbox, and sync. Others get the sync's polite refusal.
 */
export function createFileUploadHandler(deps: SlackDeps) {
  return async ({ message, client, say, logger }: Args): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== 'file_share' || !('files' in message) || !message.files)
      return;
    const actor = { userId: message.user, role: deps.roleOf(message.user) };
    try {
      const files: Array<{ name: string; content: Uint8Array }> = [];
      for (const shared of message.files as SharedFile[]) {
        const info = await client.files.info({ file: shared.id });
        const url = info.file?.url_private_download ?? info.file?.url_private;
        if (!url || !isFinance(actor)) continue;
        const res = await fetch(url, { headers: { authorization: `Bearer ${deps.botToken}` } });
        const body = new Uint8Array(await res.arrayBuffer());
        if (!res.ok || body.byteLength > MAX_BYTES)
          throw new Error(`download of ${shared.id} failed: HTTP ${res.status}, ${body.byteLength} bytes`);
        files.push({ name: info.file?.name ?? shared.name ?? `${shared.id}.csv`, content: body });
      }
      const replies = await deps.sync.upload(actor, files, deps.language);
      await say(buildReplyMessage(replies));
    } catch (error) {
      logger.error('export upload failed', { user: message.user, error: String(error) });
      await say({ text: catalogFor(deps.language).apology });
    }
  };
}
