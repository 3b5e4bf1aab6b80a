import { describe, expect, it } from 'vitest';
import { companyNameIn } from '../../src/domain/company-name.js';

describe('companyNameIn', () => {
  it.each([
    ['北京乙客户有限公司', '北京乙客户有限公司'],
    ['北京乙客户有限公司的发票', '北京乙客户有限公司'],
    ['上海示例供应链股份有限公司', '上海示例供应链股份有限公司'],
    ['某某会计师事务所', '某某会计师事务所'],
    ['Acme Trading Co., Ltd.', 'Acme Trading Co., Ltd.'],
    ['invoices from Beijing Example Tech Co. Ltd please', 'Beijing Example Tech Co. Ltd'],
    ['Globex Inc', 'Globex Inc'],
  ])('finds the company name in %j', (text, name) => {
    expect(companyNameIn(text)).toBe(name);
  });

  it.each([['发票在哪'], ['where is my invoice'], ['公司'], ['the company paid'], ['']])('finds none in %j', (text) => {
    expect(companyNameIn(text)).toBeUndefined();
  });
});
