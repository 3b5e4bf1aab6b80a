/** Where an SLA target stands: comfortably ahead, within the "due soon" reminder window, or missed. */
export type SlaState = 'on_track' | 'due_soon' | 'overdue';

/**
 * The state of one SLA target. The due moment itself counts as overdue (the breach reminder fires then, too); a
 * target exactly `nearMs` away is already due soon.
 * @example slaState('2026-11-27T10:00:00Z', new Date('2026-11-27T09:30:00Z'), 3_600_000) // 'due_soon'
 * @example slaState('2026-11-27T10:00:00Z', new Date('2026-11-27T10:00:00Z'), 3_600_000) // 'overdue'
 */
export function slaState(due: string, now: Date, nearMs: number): SlaState {
  const left = Date.parse(due) - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= nearMs ? 'due_soon' : 'on_track';
}
