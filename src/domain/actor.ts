/** What a person may do: employees ask, finance leads act on escalations and syncs, admins broadcast. */
export type Role = 'employee' | 'finance' | 'admin';

/** The person acting, identified by the verified Slack user id (or the console's stand-in). */
export type Actor = { userId: string; role: Role };

/**
 * True when the actor may see amounts and tax ids of an invoice: its requester, finance and admins.
 * @example canSeeDetails({ userId: 'U1', role: 'employee' }, 'U1') // true
 */
export function canSeeDetails(actor: Actor, requester: string | undefined): boolean {
  // `requester !== undefined` is redundant (a userId is a string), so mutating it to `true` survives: equivalent.
  return actor.role !== 'employee' || (requester !== undefined && requester === actor.userId);
}
