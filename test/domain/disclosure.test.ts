import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { disclosureFor, type Place } from '../../src/domain/disclosure.js';

describe('disclosureFor (the masking rule)', () => {
  it.each<[string, Actor | undefined, string | undefined, Place, boolean]>([
    ['the requester, privately', { userId: 'U1', role: 'employee' }, 'U1', 'private', true],
    ['another employee, privately', { userId: 'U2', role: 'employee' }, 'U1', 'private', false],
    ['an employee, when nobody requested the invoice', { userId: 'U2', role: 'employee' }, undefined, 'private', false],
    ['a finance lead, privately', { userId: 'UFIN', role: 'finance' }, 'U1', 'private', true],
    [
      'a finance lead, when nobody requested the invoice',
      { userId: 'UFIN', role: 'finance' },
      undefined,
      'private',
      true,
    ],
    ['an admin, privately', { userId: 'UADM', role: 'admin' }, 'U1', 'private', true],
    ['an admin, when nobody requested the invoice', { userId: 'UADM', role: 'admin' }, undefined, 'private', true],
    ['the requester, in a shared thread', { userId: 'U1', role: 'employee' }, 'U1', 'shared', false],
    ['a finance lead, in a shared thread', { userId: 'UFIN', role: 'finance' }, 'U1', 'shared', false],
    ['an admin, in a shared channel', { userId: 'UADM', role: 'admin' }, 'U1', 'shared', false],
    ['nobody in particular (a channel post)', undefined, 'U1', 'private', false],
  ])('%s → reveal %s', (_, viewer, requester, place, reveal) => {
    expect(disclosureFor(viewer, requester, place).reveal).toBe(reveal);
  });

  it('shows yuan and whole tax ids when revealed, the masked forms otherwise', () => {
    const finance = disclosureFor({ userId: 'UFIN', role: 'finance' }, 'U1', 'private');
    expect(finance.amount(113000)).toBe('¥1,130.00');
    expect(finance.taxId('91110105MA01ABCD5F')).toBe('91110105MA01ABCD5F');
    const masked = disclosureFor({ userId: 'UFIN', role: 'finance' }, 'U1', 'shared');
    expect(masked.amount(113000)).toBe('¥ ••••');
    expect(masked.taxId('91110105MA01ABCD5F')).toBe('911101**********5F');
  });
});
