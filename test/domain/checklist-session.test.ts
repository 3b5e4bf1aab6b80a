import { describe, expect, it } from 'vitest';
import { type ChecklistSession, endSession, isIdle } from '../../src/domain/checklist-session.js';

const NOW = new Date('2026-11-27T09:00:00Z');

function session(overrides: Partial<ChecklistSession> = {}): ChecklistSession {
  return {
    id: 'CS-1',
    userId: 'U1',
    invoiceKey: 'D26112000000000100010',
    language: 'en',
    order: ['maintenance', 'sync', 'entry'],
    position: 1,
    answers: {},
    outcomes: [],
    transcript: [],
    status: 'active',
    startedAt: '2026-11-27T08:00:00.000Z',
    updatedAt: '2026-11-27T08:30:00.000Z',
    ...overrides,
  };
}

describe('isIdle', () => {
  it.each([
    ['2026-11-26T08:59:59Z', true],
    ['2026-11-26T09:00:00Z', false],
    ['2026-11-26T09:00:01Z', false],
    ['2026-11-27T09:00:00Z', false],
  ])('after 24 h allowed, a walk-through last touched at %s is idle: %s', (updatedAt, idle) => {
    expect(isIdle({ updatedAt }, NOW, 24)).toBe(idle);
  });

  it('counts the allowed idle time in hours', () => {
    expect(isIdle({ updatedAt: '2026-11-27T07:59:00Z' }, NOW, 1)).toBe(true);
    expect(isIdle({ updatedAt: '2026-11-27T08:01:00Z' }, NOW, 1)).toBe(false);
  });
});

describe('endSession', () => {
  it('ends the walk-through at the step it was on, stamped with now', () => {
    expect(endSession(session(), 'solved', NOW)).toEqual({
      ...session(),
      status: 'solved',
      endedAt: '2026-11-27T09:00:00.000Z',
      updatedAt: '2026-11-27T09:00:00.000Z',
      endedAtStep: 'sync',
    });
  });

  it('records why it ended when it expired', () => {
    const ended = endSession(session(), 'abandoned', NOW, 'expired');
    expect(ended).toMatchObject({ status: 'abandoned', endReason: 'expired' });
  });

  it('stops waiting for an answer', () => {
    const ended = endSession(session({ awaiting: 'total' }), 'escalated', NOW);
    expect(ended).not.toHaveProperty('awaiting');
    expect(ended.status).toBe('escalated');
  });

  it('names no step when the walk-through had gone past the last one', () => {
    const ended = endSession(session({ position: 3 }), 'solved', NOW);
    expect(ended).not.toHaveProperty('endedAtStep');
    expect(ended).not.toHaveProperty('endReason');
  });

  it('does not change the session it is given', () => {
    const before = session({ awaiting: 'day' });
    const copy = structuredClone(before);
    endSession(before, 'solved', NOW, 'expired');
    expect(before).toEqual(copy);
  });
});
