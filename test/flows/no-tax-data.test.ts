import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/console/render-text.js';
import { DEMO_DIR, DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { importRecords } from '../../src/services/import-records.js';
import { readCsvRows } from '../../src/store/csv-file.js';
import { createMemoryInvoiceStore } from '../../src/store/memory-invoice-store.js';
import { demoConversation, demoPorts } from '../helpers/demo-conversation.js';

// Issue 12 point 12: a bot that has the ledger but no tax export yet says exactly that, and nothing that contradicts it.
async function ledgerOnly() {
  const store = createMemoryInvoiceStore();
  const imported = await importRecords(
    { store, clock: createManualClock(DEMO_NOW), zone: 'Asia/Shanghai' },
    { source: 'ledger', file: 'ledger.csv', rows: readCsvRows(join(DEMO_DIR, 'ledger.csv')) },
  );
  if (!imported.ok) throw new Error('demo ledger.csv is invalid');
  return demoConversation(await demoPorts({ store }));
}

const employee = { userId: 'UDEMOEMP', role: 'employee' as const };
const ask = async (conversation: Awaited<ReturnType<typeof ledgerOnly>>, text: string) =>
  renderText(await conversation.receive(employee, { kind: 'text', text }, 'dm')).text;

describe('a card with no tax data imported yet', () => {
  it('says no tax data has been imported, and not that the import is old, in English', async () => {
    const card = await ask(await ledgerOnly(), '26112000000000100010');
    expect(card).toContain('Our copy of the tax data does not cover the day it was issued yet.');
    expect(card).toContain('No tax data has been imported yet.');
    expect(card).not.toContain('older than expected');
    expect(card).not.toContain('Last tax import');
    expect(card).toContain('No tax data synced yet');
  });

  it('says the same in Chinese, without calling a missing import stale', async () => {
    const card = await ask(await ledgerOnly(), '发票 26112000000000100010 查不到');
    expect(card).toContain('尚未导入任何税务数据');
    expect(card).not.toContain('该数据已经过旧');
    expect(card).toContain('尚未同步税务数据');
    expect(card).not.toContain('最近一次税务数据导入');
  });
});
