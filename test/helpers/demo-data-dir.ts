import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_DIR, DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { importRecords } from '../../src/services/import-records.js';
import { readCsvRows } from '../../src/store/csv-file.js';
import { createLowdbInvoiceStore } from '../../src/store/lowdb-invoice-store.js';

/** Fills `dataDir` with the shipped demo data through the real importer and lowdb store. */
export async function loadDemoData(dataDir: string): Promise<void> {
  await cp(join(DEMO_DIR, 'settings.json'), join(dataDir, 'settings.json'));
  const store = await createLowdbInvoiceStore(dataDir);
  const clock = createManualClock(DEMO_NOW);
  for (const source of ['ledger', 'tax'] as const) {
    const result = await importRecords(
      { store, clock, zone: 'Asia/Shanghai' },
      { source, file: `${source}.csv`, rows: readCsvRows(join(DEMO_DIR, `${source}.csv`)) },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
}
