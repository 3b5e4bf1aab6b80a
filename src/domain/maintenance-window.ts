/** Functions of the tax systems a maintenance window can affect (design: notices are per function). */
export const AFFECTED_FUNCTIONS = ['issuing', 'red_letter', 'verification', 'deduction', 'delivery', 'sync'] as const;
export type AffectedFunction = (typeof AFFECTED_FUNCTIONS)[number];

/** A maintenance or update window as the diagnosis needs it; the notices feature owns the full lifecycle. */
export type MaintenanceWindow = {
  id: string;
  title: string;
  system: string;
  functions: AffectedFunction[];
  startsAt: string;
  endsAt: string;
};

// A missing invoice can be explained by windows that stop issuing, delivery, verification or our sync.
const VISIBILITY: ReadonlySet<AffectedFunction> = new Set(['issuing', 'delivery', 'verification', 'sync']);

/**
 * The window that explains an invoice not being visible: one it was issued during, or within `leadMs` before its
 * start (invoices queued just before a window wait for it), limited to windows that affect visibility. A window
 * that is merely active now explains nothing about an invoice issued days earlier; the card shows it as a banner.
 * @example relevantWindow([], new Date(), 0) // undefined
 */
export function relevantWindow(
  windows: readonly MaintenanceWindow[],
  issuedAt: Date,
  leadMs: number,
): MaintenanceWindow | undefined {
  const at = issuedAt.getTime();
  return windows
    .filter((w) => w.functions.some((f) => VISIBILITY.has(f)))
    .filter((w) => at >= Date.parse(w.startsAt) - leadMs && at <= Date.parse(w.endsAt))
    .sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt))[0];
}

/**
 * True while the window is in progress at `now`.
 * @example isActive({ startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' } as MaintenanceWindow, new Date('2026-01-01T12:00:00Z')) // true
 */
export function isActive(window: MaintenanceWindow, now: Date): boolean {
  return now.getTime() >= Date.parse(window.startsAt) && now.getTime() < Date.parse(window.endsAt);
}
