/**
 * True when a message says an invoice was lost ("发票丢了", "发票丢失怎么办", "I lost invoice 2611…"), so it gets
 * the lost-invoice remedy instead of a lookup.
 * @example isLostQuestion('发票丢了怎么办') // true
 */
export function isLostQuestion(text: string): boolean {
  // Not "lose": "I don't want to lose the deduction" is not a lost invoice.
  return /丢了|丢失|遗失|弄丢|丢掉|\b(lost|misplaced)\b/i.test(text);
}
