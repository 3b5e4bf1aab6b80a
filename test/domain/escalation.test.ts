import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  type Escalation,
  type EscalationAction,
  type EscalationStatus,
} from '../../src/domain/escalation.js';
import { escalationActions } from '../../src/flows/escalation-renderer.js';

const NOW = new Date('2026-11-27T02:00:00Z');
const STATUSES: EscalationStatus[] = ['open', 'claimed', 'waiting', 'resolved', 'duplicate'];
const ACTIONS: EscalationAction[] = [
  { kind: 'claim' },
  { kind: 'assign', to: 'U0B' },
  { kind: 'waiting' },
  { kind: 'resolve', note: 'fixed', cause: 'other' },
  { kind: 'reopen' },
  { kind: 'duplicate', of: 'ESC-20261127-002' },
];

function escalation(status: EscalationStatus): Escalation {
  return {
    id: 'ESC-20261127-001',
    status,
    urgency: 'normal',
    requester: 'U0EMP',
    followers: [],
    invoiceKey: 'x',
    note: '',
    diagnosis: { cause: 'not_found', nearMatches: [] },
    checks: [],
    createdAt: NOW.toISOString(),
    firstResponseDue: NOW.toISOString(),
    resolutionDue: NOW.toISOString(),
    posts: [],
    events: [],
    reminded: [],
  };
}

describe('allowedActions', () => {
  it.each(STATUSES)('lists exactly the actions applyAction accepts for %s', (status) => {
    const accepted = ACTIONS.filter((a) => applyAction(escalation(status), a, 'U0FIN', NOW).ok).map((a) => a.kind);
    expect(new Set(allowedActions(status))).toEqual(new Set(accepted));
  });

  it('offers the next natural step first-class on escalation posts', () => {
    const buttons = (status: EscalationStatus) =>
      escalationActions(escalation(status), 'en').map((b) => `${b.id.split(':').pop()}${b.style ? '*' : ''}`);
    expect(buttons('open')).toEqual(['claim*', 'waiting', 'assign', 'resolve', 'duplicate']);
    expect(buttons('claimed')).toEqual(['waiting', 'assign', 'resolve*', 'duplicate']);
    expect(buttons('waiting')).toEqual(['claim', 'assign', 'resolve*', 'duplicate']);
    expect(buttons('resolved')).toEqual(['reopen']);
    expect(buttons('duplicate')).toEqual(['reopen']);
  });
});
