/**
 * Replaces Slack tokens and signing-secret-like values with a placeholder, so they never reach a log line.
 * @example redact('token xoxb-123-abc') // 'token xox?-[redacted]'
 */
export function redact(text: string): string {
  return text.replace(/xox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]').replace(/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]');
}
