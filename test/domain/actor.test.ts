import { describe, expect, it } from 'vitest';
import { type Actor, isAdmin, isFinance, type Role } from '../../src/domain/actor.js';

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
});
