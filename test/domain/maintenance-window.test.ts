import { describe, expect, it } from 'vitest';
import {
  AFFECTED_FUNCTIONS,
  type AffectedFunction,
  isActive,
  type MaintenanceWindow,
  relevantWindow,
} from '../../src/domain/maintenance-window.js';

const HOUR = 3_600_000;
const LEAD = 2 * HOUR;

// An upgrade from 12:00 to 14:00 Beijing time (04:00–06:00 UTC).
function window(overrides: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return {
    id: 'w1',
    title: 'e-invoice platform upgrade',
    system: 'einvoice',
    functions: ['issuing'],
    startsAt: '2026-11-27T12:00:00+08:00',
    endsAt: '2026-11-27T14:00:00+08:00',
    ...overrides,
  };
}

const at = (time: string) => new Date(`2026-11-27T${time}+08:00`);
// Issued long before any window: an active window must not explain it.
const LONG_AGO = new Date('2026-10-01T09:00:00+08:00');

describe('AFFECTED_FUNCTIONS', () => {
  // domain-fapiao §4.3 step 6: notices are per function (开票, 红字, 查验, 勾选, 交付), plus our own sync.
  it('names the functions a maintenance notice can be about', () => {
    expect([...AFFECTED_FUNCTIONS].sort()).toEqual(
      ['deduction', 'delivery', 'issuing', 'red_letter', 'sync', 'verification'].sort(),
    );
  });
});

describe('relevantWindow', () => {
  it('finds nothing when there is no window', () => {
    expect(relevantWindow([], at('13:00:00'), LEAD)).toBeUndefined();
  });

  it.each<[AffectedFunction, boolean]>([
    ['issuing', true],
    ['delivery', true],
    ['verification', true],
    ['sync', true],
    ['red_letter', false],
    ['deduction', false],
  ])('a window stopping only %s explains a missing invoice: %s', (fn, explains) => {
    const w = window({ functions: [fn] });
    expect(relevantWindow([w], at('13:00:00'), LEAD)).toEqual(explains ? w : undefined);
  });

  it('counts a window that stops visibility among other functions', () => {
    const w = window({ functions: ['deduction', 'sync'] });
    expect(relevantWindow([w], at('13:00:00'), LEAD)).toBe(w);
  });

  it('never explains an invoice issued long before, however active the window is now', () => {
    expect(relevantWindow([window()], LONG_AGO, LEAD)).toBeUndefined();
  });

  it.each([
    ['up to the lead time before it started', '10:00:00', true],
    ['before that', '09:59:59', false],
    ['during it', '13:30:00', true],
    ['as it ends', '14:00:00', true],
    ['after it ended', '14:00:01', false],
  ])('applies to an invoice issued %s: %s', (_, issued, applies) => {
    const w = window();
    expect(relevantWindow([w], at(issued), LEAD)).toEqual(applies ? w : undefined);
  });

  it('prefers the window that ends last when several apply', () => {
    const early = window({ id: 'early', startsAt: '2026-11-27T11:00:00+08:00', endsAt: '2026-11-27T13:30:00+08:00' });
    const late = window({ id: 'late', endsAt: '2026-11-27T15:00:00+08:00' });
    const middle = window({ id: 'middle', endsAt: '2026-11-27T14:30:00+08:00' });
    expect(relevantWindow([early, late, middle], at('13:00:00'), LEAD)?.id).toBe('late');
    expect(relevantWindow([late, middle, early], at('13:00:00'), LEAD)?.id).toBe('late');
  });

  it('passes over a window that does not affect visibility even when it ends last', () => {
    const visible = window({ id: 'visible' });
    const deduction = window({ id: 'deduction', functions: ['deduction'], endsAt: '2026-11-27T18:00:00+08:00' });
    expect(relevantWindow([deduction, visible], at('13:00:00'), LEAD)?.id).toBe('visible');
  });

  it('does not reorder the windows it is given', () => {
    const windows = [window({ id: 'a' }), window({ id: 'b', endsAt: '2026-11-27T15:00:00+08:00' })];
    relevantWindow(windows, at('13:00:00'), LEAD);
    expect(windows.map((w) => w.id)).toEqual(['a', 'b']);
  });
});

describe('isActive', () => {
  it.each([
    ['11:59:59', false],
    ['12:00:00', true],
    ['13:59:59', true],
    ['14:00:00', false],
  ])('at %s the 12:00–14:00 window is in progress: %s', (now, active) => {
    expect(isActive(window(), at(now))).toBe(active);
  });
});
