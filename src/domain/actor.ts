/** What a person may do: employees ask, finance leads act on escalations and syncs, admins broadcast. */
export type Role = 'employee' | 'finance' | 'admin';

/** The person acting, identified by the verified Slack user id (or the console's stand-in). */
export type Actor = { userId: string; role: Role };

/**
 * True for finance leads and for admins (who outrank them): the people who act on escalations, run syncs and see
 * every invoice's details.
 * @example isFinance({ userId: 'U1', role: 'admin' }) // true
 */
export function isFinance(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'finance' || actor.role === 'admin';
}

/**
 * True for admins: the people who broadcast notices.
 * @example isAdmin({ userId: 'U1', role: 'finance' }) // false
 */
export function isAdmin(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'admin';
}
