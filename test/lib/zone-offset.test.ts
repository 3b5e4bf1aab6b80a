import { describe, expect, it } from 'vitest';
import { zoneOffsetMinutes } from '../../src/lib/zone-offset.js';

describe('zoneOffsetMinutes', () => {
  it('tells the offsets apart on either side of a transition within one day', () => {
    // New York springs forward at 07:00 UTC on 2026-03-08 and falls back at 06:00 UTC on 2026-11-01.
    expect(zoneOffsetMinutes(Date.parse('2026-03-08T06:59:00Z'), 'America/New_York')).toBe(-300);
    expect(zoneOffsetMinutes(Date.parse('2026-03-08T07:00:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse('2026-03-08T23:59:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse('2026-11-01T05:59:00Z'), 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(Date.parse('2026-11-01T06:00:00Z'), 'America/New_York')).toBe(-300);
  });

  it('answers each zone for itself when calls alternate between zones at one instant', () => {
    const at = Date.parse('2026-07-01T00:00:00Z');
    expect(zoneOffsetMinutes(at, 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(at, 'America/New_York')).toBe(-240);
    expect(zoneOffsetMinutes(at, 'Asia/Shanghai')).toBe(480);
  });
});
