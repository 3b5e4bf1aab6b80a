import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, parseLedgerRow } from '../../src/domain/ledger-row.js';
import { ledgerCells } from '../helpers/rows.js';

const ZONE = 'Asia/Shanghai';

// A valid row of the ledger CSV, for a 数电 invoice we issued.
const cells = ledgerCells;

const problems = (overrides: Parameters<typeof cells>[0]) => {
  const result = parseLedgerRow(cells(overrides), 7, ZONE);
  return result.ok ? [] : result.problems;
};

describe('LEDGER_COLUMNS', () => {
  it('lists the documented ledger columns in their order', () => {
    expect(LEDGER_COLUMNS).toEqual([
      'invoice_code',
      'invoice_number',
      'digital_number',
      'type',
      'issued_at',
      'seller_tax_id',
      'seller_name',
      'buyer_tax_id',
      'buyer_name',
      'amount',
      'tax',
      'total',
      'erp_status',
      'uploaded_at',
      'requester',
      'note',
    ]);
  });
});

describe('parseLedgerRow', () => {
  it('reads a valid row into a ledger record, times in local ISO and amounts in fen', () => {
    expect(parseLedgerRow(cells({ note: ' 月结 ' }), 2, ZONE)).toEqual({
      ok: true,
      record: {
        source: 'ledger',
        ids: [{ kind: 'digital', number: '26112000000000100001' }],
        type: '数电发票（普通发票）',
        issuedAt: '2026-11-10T09:30:00+08:00',
        sellerTaxId: '91110105MA01ABCD5F',
        sellerName: '北京示例科技有限公司',
        buyerTaxId: '91110108MA04CUTA1M',
        buyerName: '北京甲客户有限公司',
        amount: 500000,
        tax: 30000,
        total: 530000,
        erpStatus: 'issued',
        requester: 'UEMP1',
        note: '月结',
        history: [],
      },
    });
  });

  it('keeps the upload time of a legacy invoice', () => {
    const result = parseLedgerRow(
      cells({
        digital_number: '',
        invoice_code: '011002600111',
        invoice_number: '10000009',
        uploaded_at: '2026-11-10 18:00:00',
      }),
      2,
      ZONE,
    );
    expect(result).toMatchObject({
      ok: true,
      record: {
        ids: [{ kind: 'legacy', code: '011002600111', number: '10000009' }],
        uploadedAt: '2026-11-10T18:00:00+08:00',
      },
    });
  });

  it('leaves out an upload time and a requester the row does not give', () => {
    const result = parseLedgerRow(cells({ requester: '' }), 2, ZONE);
    expect(result.ok && result.record).not.toHaveProperty('uploadedAt');
    expect(result.ok && result.record).not.toHaveProperty('requester');
  });

  it('reads the ERP status as its Chinese label too', () => {
    expect(parseLedgerRow(cells({ erp_status: '开票失败' }), 2, ZONE)).toMatchObject({
      ok: true,
      record: { erpStatus: 'issue_failed' },
    });
  });

  it.each([
    [{ erp_status: 'done' }, 'erp_status', 'bad_status', 'done'],
    [{ erp_status: '' }, 'erp_status', 'missing', ''],
    [{ uploaded_at: 'yesterday' }, 'uploaded_at', 'bad_date', 'yesterday'],
    [{ requester: 'someone' }, 'requester', 'bad_user_id', 'someone'],
    [{ requester: 'U1' }, 'requester', 'bad_user_id', 'U1'],
    [{ requester: 'u0emp1' }, 'requester', 'bad_user_id', 'u0emp1'],
    [{ requester: 'X0EMP1' }, 'requester', 'bad_user_id', 'X0EMP1'],
    [{ requester: 'U0EMP1 ' + 'x' }, 'requester', 'bad_user_id', 'U0EMP1 x'],
  ])('refuses %j, naming the row, column and value', (overrides, column, code, value) => {
    expect(problems(overrides)).toEqual([{ row: 7, column, code, value }]);
  });

  it.each(['U0EMP1', 'W0ENTERPRISE', 'UAB'])('accepts the Slack user id %s as the requester', (requester) => {
    expect(problems({ requester })).toEqual([]);
  });

  it('refuses a row whose issue time is missing or unreadable', () => {
    expect(problems({ issued_at: '' })).toEqual([{ row: 7, column: 'issued_at', code: 'missing', value: '' }]);
    expect(problems({ issued_at: '2026-13-01' })).toEqual([
      { row: 7, column: 'issued_at', code: 'bad_date', value: '2026-13-01' },
    ]);
  });

  it('lists every problem of a row at once', () => {
    expect(problems({ seller_name: '', erp_status: 'done', requester: 'nobody' }).map((p) => p.column)).toEqual([
      'seller_name',
      'erp_status',
      'requester',
    ]);
  });
});
