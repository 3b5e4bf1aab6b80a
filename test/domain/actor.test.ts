import { describe, expect, it } from 'vitest';
import { type Actor, canSeeDetails } from '../../src/domain/actor.js';

describe('canSeeDetails', () => {
  it.each<[string, Actor, string | undefined, boolean]>([
    ['the requester', { userId: 'U1', role: 'employee' }, 'U1', true],
    ['another employee', { userId: 'U2', role: 'employee' }, 'U1', false],
    ['an employee, when nobody requested the invoice', { userId: 'U2', role: 'employee' }, undefined, false],
    ['a finance lead', { userId: 'UFIN', role: 'finance' }, 'U1', true],
    ['a finance lead, when nobody requested the invoice', { userId: 'UFIN', role: 'finance' }, undefined, true],
    ['an admin', { userId: 'UADM', role: 'admin' }, 'U1', true],
    ['an admin, when nobody requested the invoice', { userId: 'UADM', role: 'admin' }, undefined, true],
  ])('%s → %s', (_, actor, requester, expected) => {
    expect(canSeeDetails(actor, requester)).toBe(expected);
  });
});
