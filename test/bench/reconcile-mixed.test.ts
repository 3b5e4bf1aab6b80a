import { describe, expect, it } from 'vitest';
import type { Sent } from '../../bench/mixed-traffic.js';
import type { StoredState } from '../../bench/reconcile-mixed.js';
import { reconcile } from '../../bench/reconcile-mixed.js';
import type { ChecklistSession } from '../../src/domain/checklist-session.js';
import type { Escalation } from '../../src/domain/escalation.js';

// The mixed-load bench is only worth its "0 discrepancies" if the reconciliation does find a lost update.
const KEY = 'D25112000000000000002';
const sent: Sent = {
  lookups: 3,
  finds: 1,
  walkThroughs: [{ user: 'UWX1', invoiceKey: KEY, clicks: 4, solved: true }],
  escalations: [{ invoiceKey: KEY, users: ['UEX0A', 'UEX0B'], told: ['ESC-20261127-001', 'ESC-20261127-001'] }],
  latencies: { lookup: [], find: [], click: [], escalate: [], clickAnswer: [] },
  errors: [],
};
const escalation = {
  id: 'ESC-20261127-001',
  invoiceKey: KEY,
  requester: 'UEX0B',
  followers: ['UEX0A'],
  posts: [{ channel: 'DU0FIN', ts: '1.1' }],
} as Escalation;
const session = { id: 'S1', userId: 'UWX1', invoiceKey: KEY, status: 'solved' } as ChecklistSession;
const audit = (entries: Record<string, number>) => new Map(Object.entries(entries));
const before: StoredState = { escalations: [], sessions: [], audit: audit({ 'lookup UL': 7 }) };
const after: StoredState = {
  escalations: [escalation],
  sessions: [session],
  audit: audit({
    'lookup UL': 10,
    'escalation_filed UE': 1,
    'escalation_followed UE': 1,
    'checklist_solved UW': 1,
  }),
};

describe('reconciling the mixed load with the stores', () => {
  it('finds nothing wrong when every request is accounted for', () => {
    expect(reconcile(sent, before, after)).toEqual([]);
  });

  it('reports a follower lost by a concurrent escalation, and two escalations where one was due', () => {
    const lost = { ...after, escalations: [{ ...escalation, followers: [] }] };
    expect(reconcile(sent, before, lost)).toEqual([
      `escalation of ${KEY} by UEX0A and UEX0B: stored ESC-20261127-001 (UEX0B)`,
    ]);
    const split = { ...after, escalations: [escalation, { ...escalation, id: 'ESC-20261127-002', followers: [] }] };
    expect(reconcile(sent, before, split)[0]).toBe('escalations filed: 2 stored, 1 sent');
  });

  it('reports a walk-through stored in the wrong state, and audit entries that do not add up', () => {
    const reopened = { ...after, sessions: [{ ...session, status: 'active' as const }] };
    expect(reconcile(sent, before, reopened)).toEqual([
      `walk-through of UWX1 (4 clicks): stored ${KEY} active, expected ${KEY} solved`,
    ]);
    const missing = { ...after, audit: audit({ ...Object.fromEntries(after.audit), 'lookup UL': 9 }) };
    expect(reconcile(sent, before, missing)).toEqual(['audit lookup: 2 stored, 3 sent']);
  });

  it('reports people told an escalation id that is not the one stored', () => {
    const told = { ...sent, escalations: [{ ...sent.escalations[0], told: ['ESC-20261127-001', 'ESC-20261127-002'] }] };
    expect(reconcile(told as Sent, before, after)).toEqual([
      `escalation of ${KEY}: stored as ESC-20261127-001, people were told ESC-20261127-001, ESC-20261127-002`,
    ]);
  });
});
