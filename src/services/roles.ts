import type { Role } from '../domain/actor.js';

/**
 * Resolves a verified Slack user id to a role from the configured lists; admins outrank finance leads.
 * @example createRoles({ admins: ['UADM'], financeLeads: [] })('UADM') // 'admin'
 */
export function createRoles(lists: {
  admins: readonly string[];
  financeLeads: readonly string[];
}): (userId: string) => Role {
  const admins = new Set(lists.admins);
  const finance = new Set(lists.financeLeads);
  return (userId) => (admins.has(userId) ? 'admin' : finance.has(userId) ? 'finance' : 'employee');
}
