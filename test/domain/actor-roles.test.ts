import { describe, expect, it } from 'vitest';
import { type Actor, canSeeDetails, isAdmin, isFinance, type Role } from '../../src/domain/actor.js';

const as = (role: Role): Actor => ({ userId: 'U1', role });

describe('role checks', () => {
  it.each([
    ['employee', false, false],
    ['finance', true, false],
    ['admin', true, true],
  ] as const)('%s: finance %s, admin %s', (role, finance, admin) => {
    expect(isFinance(as(role))).toBe(finance);
    expect(isAdmin(as(role))).toBe(admin);
  });

  it('shows details to finance, admins and the requester only', () => {
    expect(canSeeDetails(as('employee'), 'U1')).toBe(true);
    expect(canSeeDetails(as('employee'), 'U2')).toBe(false);
    expect(canSeeDetails(as('employee'), undefined)).toBe(false);
    expect(canSeeDetails(as('finance'), 'U2')).toBe(true);
    expect(canSeeDetails(as('admin'), undefined)).toBe(true);
  });
});
