import { describe, expect, it } from 'vitest';
import { stripMentions } from '../../../src/slack/listeners/strip-mentions.js';

describe('stripMentions', () => {
  it.each([
    ['<@U0BOT> where is 2611', 'where is 2611'],
    ['<@U0BOT|invoice-desk> 发票 2611', '发票 2611'],
    ['hi <@U1|a> and <@U2>', 'hi   and'],
    ['<!channel> stays for escaping later', '<!channel> stays for escaping later'],
  ])('%s → %s', (text, expected) => {
    expect(stripMentions(text)).toBe(expected);
  });

  it('leaves unclosed mention openers alone and still strips the real mention after them', () => {
    const text = `${'<@A|'.repeat(10_000)}<@U0BOT|bot> where is 2611`;
    expect(stripMentions(text)).toBe(`${'<@A|'.repeat(10_000)}  where is 2611`.trim());
  });
});
