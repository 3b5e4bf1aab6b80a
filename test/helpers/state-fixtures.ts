import type { ChecklistSession } from '../../src/domain/checklist-session.js';
import type { Escalation } from '../../src/domain/escalation.js';
import type { Notice } from '../../src/domain/notice.js';

/** An open escalation as filing stores it, for store tests. */
export function escalationFixture(overrides: Partial<Escalation> = {}): Escalation {
  return {
    id: 'ESC-20261127-001',
    invoiceKey: 'D26112000000000100001',
    requester: 'U0EMP',
    followers: [],
    urgency: 'normal',
    note: 'Not in the tax data',
    diagnosis: { cause: 'not_found', nearMatches: [] },
    checks: ['sync'],
    status: 'open',
    createdAt: '2026-11-27T02:00:00.000Z',
    firstResponseDue: '2026-11-27T06:00:00.000Z',
    resolutionDue: '2026-11-30T02:00:00.000Z',
    posts: [],
    events: [{ at: '2026-11-27T02:00:00.000Z', by: 'U0EMP', action: 'filed' }],
    reminded: [],
    ...overrides,
  };
}

/** A scheduled maintenance notice, for store tests. */
export function noticeFixture(overrides: Partial<Notice> = {}): Notice {
  return {
    id: 'NTC-1',
    kind: 'maintenance',
    system: 'einvoice',
    functions: ['issuing'],
    startsAt: '2026-11-28T14:00:00.000Z',
    endsAt: '2026-11-28T22:00:00.000Z',
    message: { zh: '电子发票服务平台升级', en: 'e-invoice platform upgrade' },
    channels: ['C0ANNOUNCE'],
    reminders: [1440, 60],
    status: 'scheduled',
    createdBy: 'U0ADMIN',
    createdAt: '2026-11-27T07:00:00.000Z',
    posts: [],
    events: [],
    done: [],
    ...overrides,
  };
}

/** An active walk-through at its first step, for store tests. */
export function sessionFixture(overrides: Partial<ChecklistSession> = {}): ChecklistSession {
  return {
    id: 'CHK-1',
    userId: 'U0EMP',
    invoiceKey: 'D26112000000000100001',
    language: 'en',
    order: ['sync'],
    position: 0,
    answers: {},
    outcomes: [],
    transcript: [],
    status: 'active',
    startedAt: '2026-11-27T07:00:00.000Z',
    updatedAt: '2026-11-27T07:00:00.000Z',
    ...overrides,
  };
}
