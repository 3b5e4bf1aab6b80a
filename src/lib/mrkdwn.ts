/**
 * Escapes text for Slack mrkdwn so user input cannot ping (`<!channel>`), link or mention anyone.
 * @example escapeMrkdwn('<!channel> & co') // '&lt;!channel&gt; &amp; co'
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts text to at most `max` characters, marking the cut with an ellipsis.
 * @example truncate('abcdef', 4) // 'abc…'
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
