import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, toPlainText, toSlackText } from '../../src/lib/mrkdwn.js';

describe('toPlainText', () => {
  it.each([
    ['*Questions:* 0 (±0)', 'Questions: 0 (±0)'],
    ['*首次响应*（工作时间）：暂无', '首次响应（工作时间）：暂无'],
    ['*机器人统计：2026-11-23 至 2026-11-29*', '机器人统计：2026-11-23 至 2026-11-29'],
    ['line one\n*Escalations:* 2 opened', 'line one\nEscalations: 2 opened'],
    ['by @{U1} and *@{U2}*', 'by @U1 and @U2'],
  ])('shows %j as %j', (text, plain) => {
    expect(toPlainText(text)).toBe(plain);
  });

  it.each([['5 * 3 = 15'], ['file*name.csv'], ['a *lone star'], ['** empty'], ['2*3*4']])(
    'leaves %j as typed',
    (text) => {
      expect(toPlainText(text)).toBe(text);
    },
  );
});

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> & co', '&lt;!channel&gt; &amp; co'],
    ['a<b>c&d&e', 'a&lt;b&gt;c&amp;d&amp;e'],
    ['&amp;', '&amp;amp;'],
    ['Amount: ¥1,130.00', 'Amount: ¥1,130.00'],
    ['', ''],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });
});

describe('toSlackText', () => {
  it.each([
    ['<b> @{U1}', '&lt;b&gt; <@U1>'],
    ['asked by @{U1} and @{W2}', 'asked by <@U1> and <@W2>'],
    ['@{u1} stays', '@{u1} stays'],
    ['no mention @ all', 'no mention @ all'],
  ])('renders %j as %j', (text, slack) => {
    expect(toSlackText(text)).toBe(slack);
  });
});
