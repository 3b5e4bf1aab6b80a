import { type Logger, webApi } from '@slack/bolt';
import type { Config } from '../config.js';

/**
 * The Web API client for the bot's own posts (notices, escalations, DMs): a short retry policy, since a post that
 * still fails comes back to the notifier as a per-channel result rather than blocking the queue for half an hour.
 */
export function createWebClient(config: Config, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.botToken, {
    slackApiUrl: config.apiUrl,
    logger,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
  });
}
