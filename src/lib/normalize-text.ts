/**
 * Folds full-width digits, letters and common punctuation to ASCII, so that ids typed on a Chinese
 * keyboard (`２４１１…`, `，`, `：`) parse like ASCII ones.
 * @example normalizeText('２４１１，') // '2411,'
 */
export function normalizeText(text: string): string {
  // U+FF01..U+FF5E map 1:1 onto U+0021..U+007E; U+3000 is the ideographic space.
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * True when the text contains Chinese characters, used to answer in the language the user wrote in.
 * @example hasChinese('发票在哪') // true
 */
export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}
