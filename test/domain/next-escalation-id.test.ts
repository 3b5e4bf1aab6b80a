import { describe, expect, it } from 'vitest';
import { nextEscalationId } from '../../src/domain/next-escalation-id.js';

describe('nextEscalationId', () => {
  it.each([
    [[], 'ESC-20261127-001'],
    [['ESC-20261126-009'], 'ESC-20261127-001'],
    [['ESC-20261127-001', 'ESC-20261127-002'], 'ESC-20261127-003'],
    // After the highest, not after the count: a gap is never filled twice.
    [['ESC-20261127-004'], 'ESC-20261127-005'],
    [['ESC-20261127-999'], 'ESC-20261127-1000'],
    [['ESC-20261127-x'], 'ESC-20261127-001'],
  ])('numbers after %j: %s', (ids, expected) => {
    expect(nextEscalationId('ESC-20261127-', ids)).toBe(expected);
  });
});
