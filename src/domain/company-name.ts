// A Chinese company name ends in its legal form (北京乙客户有限公司, 某某集团, 某某会计师事务所); an English one in
// Co., Ltd / Inc / LLC / Corp. Linear patterns: one character class, then one suffix.
const CHINESE = /[\u4e00-\u9fff（）()]{2,40}?(?:股份有限公司|有限责任公司|有限公司|分公司|集团|事务所|公司)/u;
const ENGLISH = /[A-Z][A-Za-z0-9&.' -]{1,60}?\b(?:Co\.?,? ?Ltd\.?|Ltd\.?|Inc\.?|LLC|Corp\.?|Company)(?![A-Za-z])/;

/**
 * The company name a message holds, when it holds one: what an employee sends when they remember the seller or the
 * buyer but not the invoice, and is pointed to `find` by it.
 * @example companyNameIn('北京乙客户有限公司的发票') // '北京乙客户有限公司'
 */
export function companyNameIn(text: string): string | undefined {
  return (CHINESE.exec(text) ?? ENGLISH.exec(text))?.[0].trim();
}
