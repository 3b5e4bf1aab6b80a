/**
 * Escapes text for Slack mrkdwn so user input cannot ping (`<!channel>`), link or mention anyone.
 * @example escapeMrkdwn('<!channel> & co') // '&lt;!channel&gt; &amp; co'
 */
export function escapeMrkdwn(text: string): string {
  // Most text (a card's labels, dates, amounts) has nothing to escape: one test instead of three copies.
  return ESCAPED.test(text) ? text.replace(ESCAPED_ALL, (c) => ENTITY[c] as string) : text;
}

const ESCAPED = /[&<>]/;
const ESCAPED_ALL = /[&<>]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Cuts text to at most `max` characters, marking the cut with an ellipsis.
 * @example truncate('abcdef', 4) // 'abc…'
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Flows write a user as @{U123}: adapters turn it into a Slack mention or plain text, so user ids never travel as
// raw mrkdwn through code that escapes text.
const MENTION = /@\{([UW][A-Z0-9]+)\}/g;

/**
 * Makes text a person typed (a note, a relay, a file or company name, a notice) unable to become a mention: the
 * bot's own `@{U123}` marker is broken with an invisible word joiner, so only ids the bot inserts ping anyone.
 * Slack's own syntax (`<@U1>`, `<!here>`, `<!channel>`, `<!subteam^S1>`) is defused by escaping at render time.
 * @example neutraliseMentions('hi @{U1}') // 'hi @\u2060{U1}'
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=\{)/g, '@\u2060');
}

/**
 * Escapes text for mrkdwn, then turns `@{U123}` markers into real mentions.
 * @example toSlackText('<b> @{U1}') // '&lt;b&gt; <@U1>'
 */
export function toSlackText(text: string): string {
  // Most of a card's texts need neither: one scan instead of one per kind.
  if (!SLACK_SPECIAL.test(text)) return text;
  const escaped = escapeMrkdwn(text);
  return escaped.includes('@{') ? escaped.replace(MENTION, '<@$1>') : escaped;
}

const SLACK_SPECIAL = /[&<>]|@\{/;

// Slack reads `*…*` as bold only when the stars touch the words inside and stand at a word boundary outside; the
// same rule here leaves a lone star (`5 * 3`, `*` in a file name) as typed.
const BOLD = /(^|[\s(（[「:：·—-])\*(?=\S)([^*\n]*?\S)\*(?=$|[\s()（）\]」、:：,，.。;；!！?？·—-])/gm;

/**
 * Turns `@{U123}` markers into `@U123` and drops mrkdwn bold stars, for plain-text surfaces such as the console.
 * @example toPlainText('*Questions:* 3 by @{U1}') // 'Questions: 3 by @U1'
 */
export function toPlainText(text: string): string {
  return text.replace(MENTION, '@$1').replace(BOLD, '$1$2');
}
