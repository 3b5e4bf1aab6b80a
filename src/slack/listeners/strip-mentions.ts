/**
 * Removes Slack's `<@U123>` user mentions (the bot's own name) from message text before the flows read it.
 * @example stripMentions('<@U0BOT> where is 2411…') // 'where is 2411…'
 */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();
}
