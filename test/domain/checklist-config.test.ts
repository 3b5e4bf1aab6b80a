import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { STEP_IDS } from '../../src/domain/checklist.js';
import { ChecklistConfig } from '../../src/domain/checklist-config.js';

const step = (id: string) => ({ id, title: { en: 'Title', zh: '标题' }, checks: { en: 'Checks', zh: '检查' } });
const config = (overrides: object = {}) => ({ expireAfterHours: 24, steps: STEP_IDS.map(step), ...overrides });
const refusal = (input: unknown) => {
  const result = ChecklistConfig.safeParse(input);
  return result.success ? undefined : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('ChecklistConfig', () => {
  it('reads the shipped data/checklist.json', async () => {
    const shipped = JSON.parse(await readFile('data/checklist.json', 'utf8'));
    expect(ChecklistConfig.parse(shipped).steps.map((s) => s.id)).toEqual([...STEP_IDS]);
  });

  it('lets finance keep some steps, in their own order', () => {
    const steps = [step('status'), step('entry')];
    expect(ChecklistConfig.parse(config({ steps }))).toEqual({ expireAfterHours: 24, steps });
  });

  it.each([0.5, 24, 720])('keeps an idle walk-through for %s hours', (hours) => {
    expect(refusal(config({ expireAfterHours: hours }))).toBeUndefined();
  });

  it.each([0, -1, 721])('refuses %s hours: more than 30 days or nothing at all', (hours) => {
    expect(refusal(config({ expireAfterHours: hours }))).toMatch(/^expireAfterHours/);
  });

  it('needs at least one step', () => {
    expect(refusal(config({ steps: [] }))).toMatch(/^steps/);
  });

  it('refuses a step the bot does not know', () => {
    expect(refusal(config({ steps: [step('weather')] }))).toMatch(/^steps\.0\.id/);
  });

  it('refuses a step listed twice, saying so', () => {
    expect(refusal(config({ steps: [step('sync'), step('entry'), step('sync')] }))).toBe(
      'steps: each step id may appear once',
    );
  });

  it.each([
    ['title', 'zh', { title: { en: 'Title', zh: '' } }],
    ['title', 'en', { title: { zh: '标题' } }],
    ['checks', 'zh', { checks: { en: 'Checks' } }],
    ['checks', 'en', { checks: { en: '', zh: '检查' } }],
  ])('needs the %s in %s too', (field, language, overrides) => {
    expect(refusal(config({ steps: [{ ...step('sync'), ...overrides }] }))).toMatch(
      new RegExp(`^steps\\.0\\.${field}\\.${language}`),
    );
  });
});
