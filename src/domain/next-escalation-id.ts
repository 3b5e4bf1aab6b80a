/**
 * The id of the next escalation filed under `prefix` (`ESC-<YYYYMMDD>-`, the day it is filed): one more than the
 * highest number the day's escalations have, three digits at least. Every store numbers with this one rule.
 * @example nextEscalationId('ESC-20261127-', ['ESC-20261127-001', 'ESC-20261126-004']) // 'ESC-20261127-002'
 */
export function nextEscalationId(prefix: string, ids: Iterable<string>): string {
  let last = 0;
  for (const id of ids) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isInteger(n) && n > last) last = n;
  }
  return `${prefix}${String(last + 1).padStart(3, '0')}`;
}
