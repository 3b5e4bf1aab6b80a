import { describe, expect, it } from 'vitest';
import { DiagnosisSettings } from '../../src/domain/settings.js';

describe('DiagnosisSettings', () => {
  it('fills in the defaults the README’s configuration table promises', () => {
    expect(DiagnosisSettings.parse({})).toEqual({
      companyTaxIds: [],
      digitalSyncMinutes: 60,
      legacySyncMinutes: 1440,
      maintenanceLeadMinutes: 120,
      maintenanceTailMinutes: 120,
      staleSyncHours: 48,
      verifiableYears: 5,
      watchDays: 14,
      walkthroughKeepDays: 90,
      policyNoticeDays: 30,
    });
  });

  it('keeps what settings.json says', () => {
    const given = {
      companyTaxIds: ['91110105MA01ABCD5F'],
      digitalSyncMinutes: 30,
      legacySyncMinutes: 2880,
      maintenanceLeadMinutes: 0,
      maintenanceTailMinutes: 0,
      staleSyncHours: 24,
      verifiableYears: 1,
      watchDays: 7,
      walkthroughKeepDays: 30,
      policyNoticeDays: 10,
    };
    expect(DiagnosisSettings.parse(given)).toEqual(given);
  });

  it.each([
    'digitalSyncMinutes',
    'legacySyncMinutes',
    'staleSyncHours',
    'verifiableYears',
    'watchDays',
    'walkthroughKeepDays',
    'policyNoticeDays',
  ])('refuses a zero, negative or fractional %s', (key) => {
    for (const value of [0, -1, 1.5]) expect(DiagnosisSettings.safeParse({ [key]: value }).success).toBe(false);
  });

  it.each(['maintenanceLeadMinutes', 'maintenanceTailMinutes'])(
    'allows no %s around a maintenance window, but not a negative or fractional one',
    (key) => {
      expect(DiagnosisSettings.safeParse({ [key]: 0 }).success).toBe(true);
      expect(DiagnosisSettings.safeParse({ [key]: -1 }).success).toBe(false);
      expect(DiagnosisSettings.safeParse({ [key]: 0.5 }).success).toBe(false);
    },
  );

  it('refuses tax ids that are not text', () => {
    expect(DiagnosisSettings.safeParse({ companyTaxIds: [91110105] }).success).toBe(false);
  });
});
