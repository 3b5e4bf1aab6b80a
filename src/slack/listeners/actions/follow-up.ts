import type { Logger } from '@slack/bolt';

/**
 * Starts a button's work after its ack. Bolt keeps the whole request alive until its listener returns — the
 * receiver's request and response, the raw and parsed body (the clicked message with all its blocks), the ack and
 * every step of its middleware chain — and a click's work waits on the disk and on Slack for tens of milliseconds,
 * long enough for all of that to be copied by a young-generation collection and promoted. So a button listener copies
 * the few fields its work needs, acks without waiting, hands the work to a `FollowUp` and returns: what stays alive
 * is the copy (and the ack's promise, which the work awaits first).
 */
export type FollowUp = (work: () => Promise<void>, logger: Logger) => void;

/**
 * The bot's {@link FollowUp}: the work runs on its own. It answers its own failures (an apology through the
 * response_url); one it could not answer (the apology failed too) is logged here rather than left unhandled.
 */
export const detachFollowUp: FollowUp = (work, logger) => {
  work().catch((error: unknown) => logger.error('button follow-up failed', { error: String(error) }));
};
