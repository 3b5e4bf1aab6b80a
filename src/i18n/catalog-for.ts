import type { Catalog } from './catalog.js';
import { en } from './en.js';
import type { Language } from './language.js';
import { zh } from './zh.js';

/**
 * The message catalogue for a language.
 * @example catalogFor('zh').apology // '抱歉，我这边出了点问题，请稍后再试。'
 */
export function catalogFor(language: Language): Catalog {
  return language === 'zh' ? zh : en;
}
