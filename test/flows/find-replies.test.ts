import { describe, expect, it } from 'vitest';
import { findReplies } from '../../src/flows/find-replies.js';
import { catalogFor } from '../../src/i18n/catalog-for.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { ledger } from '../helpers/fixtures.js';

const finance = { userId: 'UFIN', role: 'finance' as const };

async function storeWith(count: number) {
  const store = createMemoryInvoiceStore();
  const records = Array.from({ length: count }, (_, i) =>
    ledger({
      ids: [{ kind: 'digital', number: `2611200000000${String(i).padStart(7, '0')}` }],
      issuedAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
    }),
  );
  await store.importLedger(records, new Date('2026-11-27T07:00:00Z'));
  return store;
}

describe('findReplies', () => {
  it('reports the true number of matches, not the number it listed', async () => {
    const [reply] = await findReplies(
      await storeWith(23),
      finance,
      '示例',
      catalogFor('en'),
      'Asia/Shanghai',
      'private',
    );
    expect(reply).toMatchObject({ kind: 'list', title: '23 invoices match; the 10 most recent:' });
    expect(reply?.kind === 'list' && reply.items[0]?.text).toContain('26112000000000000022');
  });

  it('counts past 200 exactly when the candidates come from a small index set, in both languages', async () => {
    const store = await storeWith(250);
    expect((await findReplies(store, finance, '示例', catalogFor('en'), 'Asia/Shanghai', 'private'))[0]).toMatchObject({
      title: '250 invoices match; the 10 most recent:',
    });
    expect((await findReplies(store, finance, '示例', catalogFor('zh'), 'Asia/Shanghai', 'private'))[0]).toMatchObject({
      title: '共 250 张符合，以下是最近的 10 张：',
    });
  });
});
