import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  type Escalation,
  type EscalationAction,
  type EscalationStatus,
  isOpen,
  slaReminders,
} from '../../src/domain/escalation.js';
import { escalationActions } from '../../src/flows/escalation-renderer.js';

const NOW = new Date('2026-11-27T02:00:00Z');
const STATUSES: EscalationStatus[] = ['open', 'claimed', 'waiting', 'resolved', 'duplicate'];
const ACTIONS: EscalationAction[] = [
  { kind: 'claim' },
  { kind: 'assign', to: 'U0B' },
  { kind: 'waiting', question: 'Which buyer?' },
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

describe('allowedActions (the lifecycle)', () => {
  it.each<[EscalationStatus, Array<EscalationAction['kind']>]>([
    ['open', ['claim', 'waiting', 'assign', 'resolve', 'duplicate']],
    ['claimed', ['waiting', 'assign', 'resolve', 'duplicate']],
    ['waiting', ['claim', 'assign', 'resolve', 'duplicate']],
    ['resolved', ['reopen']],
    ['duplicate', ['reopen']],
  ])('lets a lead act on a %s escalation with %j, in that order', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });
});

describe('applyAction', () => {
  const LATER = new Date('2026-11-27T03:00:00Z');
  const apply = (esc: Escalation, action: EscalationAction) => {
    const r = applyAction(esc, action, 'U0FIN', LATER);
    if (!r.ok) throw new Error(`refused: ${r.error.code}`);
    return r.value;
  };

  it('lets a lead claim an open escalation, stopping the first-response clock', () => {
    expect(apply(escalation('open'), { kind: 'claim' })).toEqual({
      ...escalation('open'),
      status: 'claimed',
      assignee: 'U0FIN',
      firstResponseAt: LATER.toISOString(),
      events: [{ at: LATER.toISOString(), by: 'U0FIN', action: 'claim' }],
    });
  });

  it('keeps the time of the first response when a later action follows', () => {
    const answered = { ...escalation('claimed'), firstResponseAt: NOW.toISOString() };
    expect(apply(answered, { kind: 'waiting', question: 'Which buyer?' }).firstResponseAt).toBe(NOW.toISOString());
  });

  it('assigns to someone else and names them in the history', () => {
    const value = apply(escalation('open'), { kind: 'assign', to: 'U0B' });
    expect(value).toMatchObject({ status: 'claimed', assignee: 'U0B' });
    expect(value.events).toEqual([{ at: LATER.toISOString(), by: 'U0FIN', action: 'assign', text: 'U0B' }]);
  });

  it('waits on the requester without changing who has it, the question in the history', () => {
    const claimed = { ...escalation('claimed'), assignee: 'U0A' };
    const value = apply(claimed, { kind: 'waiting', question: 'Which buyer?' });
    expect(value).toMatchObject({ status: 'waiting', assignee: 'U0A' });
    expect(value.events.at(-1)).toMatchObject({ action: 'waiting', text: 'Which buyer?' });
  });

  it('resolves with the note and the cause, the note shown in the history', () => {
    const value = apply(escalation('claimed'), { kind: 'resolve', note: 'buyer id fixed', cause: 'buyer' });
    expect(value).toMatchObject({ status: 'resolved', resolution: { note: 'buyer id fixed', cause: 'buyer' } });
    expect(value.events.at(-1)).toEqual({
      at: LATER.toISOString(),
      by: 'U0FIN',
      action: 'resolve',
      text: 'buyer id fixed',
    });
  });

  it('adds no empty text to the history', () => {
    const value = apply(escalation('open'), { kind: 'resolve', note: '', cause: 'other' });
    expect(value.events.at(-1)).not.toHaveProperty('text');
  });

  it('marks a duplicate with the escalation it repeats', () => {
    const value = apply(escalation('open'), { kind: 'duplicate', of: 'ESC-20261127-002' });
    expect(value).toMatchObject({ status: 'duplicate', duplicateOf: 'ESC-20261127-002' });
    expect(value.events.at(-1)).toMatchObject({ action: 'duplicate', text: 'ESC-20261127-002' });
  });

  it('reopens a resolved or duplicate escalation, forgetting how it was closed', () => {
    const resolved = { ...escalation('resolved'), resolution: { note: 'n', cause: 'other' as const } };
    const reopened = apply(resolved, { kind: 'reopen' });
    expect(reopened.status).toBe('open');
    expect(reopened).not.toHaveProperty('resolution');
    const duplicate = { ...escalation('duplicate'), duplicateOf: 'ESC-20261127-002' };
    expect(apply(duplicate, { kind: 'reopen' })).not.toHaveProperty('duplicateOf');
  });

  it('appends to the history rather than replacing it', () => {
    const filed = { ...escalation('open'), events: [{ at: NOW.toISOString(), by: 'U0EMP', action: 'filed' as const }] };
    expect(apply(filed, { kind: 'claim' }).events.map((e) => e.action)).toEqual(['filed', 'claim']);
  });

  it('says why an action does not apply, and changes nothing', () => {
    const resolved = escalation('resolved');
    expect(applyAction(resolved, { kind: 'claim' }, 'U0FIN', LATER)).toEqual({
      ok: false,
      error: { code: 'invalid_transition', from: 'resolved', action: 'claim' },
    });
    expect(resolved).toEqual(escalation('resolved'));
  });

  it('does not change the escalation it is given', () => {
    const open = escalation('open');
    for (const action of ACTIONS) applyAction(open, action, 'U0FIN', LATER);
    expect(open).toEqual(escalation('open'));
  });
});

describe('isOpen', () => {
  it.each<[EscalationStatus, boolean]>([
    ['open', true],
    ['claimed', true],
    ['waiting', true],
    ['resolved', false],
    ['duplicate', false],
  ])('a %s escalation still needs finance: %s', (status, open) => {
    expect(isOpen({ status })).toBe(open);
  });
});

describe('slaReminders', () => {
  const HOUR = 3_600_000;
  const NEAR = HOUR;
  const REPEAT = 4 * HOUR;
  // First response due at 10:00 UTC, resolution at 20:00 UTC.
  const esc = (overrides: Partial<Escalation> = {}): Escalation => ({
    ...escalation('open'),
    firstResponseDue: '2026-11-27T10:00:00.000Z',
    resolutionDue: '2026-11-27T20:00:00.000Z',
    ...overrides,
  });
  const at = (time: string) => new Date(`2026-11-27T${time}Z`);

  it('sends nothing while both deadlines are far away', () => {
    expect(slaReminders(esc(), at('08:59:59'), NEAR, REPEAT)).toEqual([]);
  });

  it.each(['09:00:00', '09:59:59'])('warns once that the first response is due soon, at %s', (time) => {
    expect(slaReminders(esc(), at(time), NEAR, REPEAT)).toEqual([{ key: 'near:first', target: 'first', kind: 'near' }]);
    expect(slaReminders(esc({ reminded: ['near:first'] }), at(time), NEAR, REPEAT)).toEqual([]);
  });

  it('reports a breach from the due time on, once per repeat interval', () => {
    const breach = (n: number) => [{ key: `breach:first:${n}`, target: 'first', kind: 'breach' }];
    expect(slaReminders(esc(), at('10:00:00'), NEAR, REPEAT)).toEqual(breach(0));
    expect(slaReminders(esc({ reminded: ['breach:first:0'] }), at('13:59:59'), NEAR, REPEAT)).toEqual([]);
    expect(slaReminders(esc({ reminded: ['breach:first:0'] }), at('14:00:00'), NEAR, REPEAT)).toEqual(breach(1));
  });

  it('fires a missed interval once after a restart, not once for each', () => {
    expect(slaReminders(esc(), at('19:30:00'), NEAR, REPEAT)).toEqual([
      { key: 'breach:first:2', target: 'first', kind: 'breach' },
      { key: 'near:resolution', target: 'resolution', kind: 'near' },
    ]);
  });

  it('stops watching the first response once finance has answered', () => {
    const answered = esc({ firstResponseAt: '2026-11-27T09:30:00.000Z' });
    expect(slaReminders(answered, at('11:00:00'), NEAR, REPEAT)).toEqual([]);
    expect(slaReminders(answered, at('20:00:00'), NEAR, REPEAT)).toEqual([
      { key: 'breach:resolution:0', target: 'resolution', kind: 'breach' },
    ]);
  });

  it.each<EscalationStatus>(['waiting', 'resolved', 'duplicate'])(
    'sends nothing for a %s escalation, however late',
    (status) => {
      expect(slaReminders(esc({ status }), at('23:00:00'), NEAR, REPEAT)).toEqual([]);
    },
  );

  it('still reminds about a claimed escalation', () => {
    expect(
      slaReminders(esc({ status: 'claimed', firstResponseAt: NOW.toISOString() }), at('19:00:00'), NEAR, REPEAT),
    ).toEqual([{ key: 'near:resolution', target: 'resolution', kind: 'near' }]);
  });
});
