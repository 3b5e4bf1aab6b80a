import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isFinance } from '../../../domain/actor.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import type { Language } from '../../../i18n/language.js';
import { escapeMrkdwn, neutraliseMentions } from '../../../lib/mrkdwn.js';
import { apologyFor } from '../../apology-for.js';
import { buildReplyMessage } from '../../blocks/build-reply-message.js';
import { downloadSharedFile, type SharedFileInfo } from '../../download-shared-file.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>;
type SharedFile = { id: string; name?: string };

// An export is a few megabytes at most; anything far larger is not one.
const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/**
 * A finance lead sent the bot an export file in a DM: fetch it through the Web API (`files.info`, then
 * `url_private_download` on Slack's file host, with the bot token), put it in the inbox, and sync. A file that is
 * external, offered from another host, or fails to download is refused by name. Others get the sync's refusal.
 */
export function createFileUploadHandler(deps: SlackDeps) {
  return async ({ message, client, say, logger }: Args): Promise<void> => {
    if (message.channel_type !== 'im' || message.subtype !== 'file_share' || !('files' in message) || !message.files)
      return;
    const actor = { userId: message.user, role: deps.roleOf(message.user) };
    let language: Language | undefined;
    try {
      language = await deps.languageOf(actor.userId);
      const t = catalogFor(language);
      const files: Array<{ name: string; content: Uint8Array }> = [];
      for (const shared of isFinance(actor) ? (message.files as SharedFile[]) : []) {
        const info = ((await client.files.info({ file: shared.id })).file ?? {}) as SharedFileInfo;
        const name = neutraliseMentions(info.name ?? shared.name ?? `${shared.id}.csv`);
        const download = await downloadSharedFile(info, {
          token: deps.botToken,
          apiUrl: deps.apiUrl,
          maxBytes: MAX_BYTES,
          timeoutMs: TIMEOUT_MS,
        });
        if (!download.ok) {
          logger.warn('shared file refused', { file: shared.id, reason: download.reason });
          await say({ text: escapeMrkdwn(t.import.downloadRefused(name, download.reason)) });
          return;
        }
        files.push({ name, content: download.content });
      }
      const replies = await deps.sync.upload(actor, files, language);
      await say(buildReplyMessage(replies));
    } catch (error) {
      logger.error('export upload failed', { user: message.user, error: String(error) });
      await say({ text: await apologyFor(deps, actor.userId, language) });
    }
  };
}
