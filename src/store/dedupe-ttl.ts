/**
 * How long a dedupe store remembers a key. Slack retries an event for about 5 minutes (immediately, +1 min,
 * +5 min); a day also covers restarts and deploys in between. Every adapter uses it, so they answer alike.
 */
export const DEDUPE_TTL_MS = 24 * 3_600_000;
