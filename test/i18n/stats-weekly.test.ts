import { describe, expect, it } from 'vitest';
import { type Headline, headlineChange } from '../../src/domain/metrics-headline.js';
import { statsEn } from '../../src/i18n/stats-en.js';
import { statsZh } from '../../src/i18n/stats-zh.js';

const base = { escalated: 1, noAnswer: 2, escalationsResolved: 3 };
const lastWeek: Headline = {
  ...base,
  questions: 12,
  solved: 6,
  solvedPercent: 50,
  escalationsOpened: 4,
  firstResponseSla: 75,
  resolutionSla: 100,
};
const weekBefore: Headline = {
  ...base,
  questions: 10,
  solved: 4,
  solvedPercent: 40,
  escalationsOpened: 5,
  firstResponseSla: 80,
};

// The weekly status check's line: each headline figure with its change against the week before, where both exist.
describe('the weekly figures line', () => {
  const change = headlineChange(lastWeek, weekBefore);

  it.each([
    [
      statsEn,
      '📊 Last week: questions 12 (+2), confirmed solved 6 (50% (+10 pts)), escalations 4 (−1), first-response SLA 75% (−5 pts), resolution SLA 100%.',
    ],
    [
      statsZh,
      '📊 上周：提问 12 (+2)，确认解决 6（50% (+10 个百分点)），上报 4 (−1)，首次响应 SLA 75% (−5 个百分点)，解决 SLA 100%。',
    ],
  ])('states the headline and its change (%#)', (catalog, line) => {
    expect(catalog.weekly(lastWeek, change)).toBe(line);
  });
});
