/**
 * Replaces Slack tokens, signing-secret-like values and the password of a connection URL
 * (`postgres://user:password@host`) with a placeholder, so they never reach a log line or an error message.
 * @example redact('token xoxb-123-abc') // 'token xox?-[redacted]'
 * @example redact('postgres://bot:s3cret@db:5432/invoices') // 'postgres://bot:[redacted]@db:5432/invoices'
 */
export function redact(text: string): string {
  return text
    .replace(/xox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]')
    .replace(/xapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s/]*@/gi, '$1:[redacted]@');
}
