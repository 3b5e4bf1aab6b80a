/**
 * Removes Slack's `<@U123>` user mentions (the bot's own name) from message text before the flows read it.
 * @example stripMentions('<@U0BOT> where is 2411…') // 'where is 2411…'
 */
export function stripMentions(text: string): string {
  // The label after `|` stops at the next `<` as well as `>` (Slack escapes both inside it): with `[^>]*` alone, a
  // message of `<@A|` repeated rescanned the rest of the text at every `<@` — 3.6 s for 40,000 characters.
  return text.replace(/<@[A-Z0-9]+(?:\|[^<>]*)?>/g, ' ').trim();
}
