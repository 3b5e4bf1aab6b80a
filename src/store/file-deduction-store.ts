import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DeductionEntry } from '../domain/deduction-record.js';
import type { DeductionStore } from '../ports.js';
import { openJsonFile } from './json-file.js';
import { createMemoryDeductionStore } from './memory-deduction-store.js';

const Id = z.object({ kind: z.literal('digital'), number: z.string().regex(/^\d{20}$/) });
const Entry = z.object({
  record: z.object({
    id: Id,
    selected: z.boolean(),
    issuedAt: z.string(),
    amount: z.number().int(),
    tax: z.number().int(),
    deductibleTax: z.number().int(),
    buyerTaxId: z.string(),
    sellerName: z.string(),
    sellerTaxId: z.string(),
    origin: z.string(),
    type: z.string(),
    statusLabel: z.string(),
    redLocked: z.boolean(),
    risk: z.string(),
    riskStatus: z.string(),
  }),
  period: z.string().regex(/^\d{4}-\d{2}$/),
  importedAt: z.string(),
  file: z.string(),
});
const Import = z.object({ importedAt: z.string(), file: z.string(), rows: z.number().int(), period: z.string() });
const SelectionsFile = z.object({ imports: z.array(Import), entries: z.record(z.string(), Entry) });

// One line per entry: a diff of two backups reads invoice by invoice.
const stringify = (data: z.infer<typeof SelectionsFile>) =>
  `{"imports":${JSON.stringify(data.imports)},"entries":{\n${Object.entries(data.entries)
    .map(([k, e]) => `${JSON.stringify(k)}:${JSON.stringify(e)}`)
    .join(',\n')}\n}}\n`;

/**
 * Deduction selections in `DATA_DIR/deductions/selections.json`, loaded into memory at start (a corrupt file stops
 * the bot, named). An import rewrites the file once, crash-safe (temp file, fsync, rename): all or nothing. One
 * company's received invoices make a small file; it is never written on the request path.
 */
export async function createFileDeductionStore(dataDir: string): Promise<DeductionStore> {
  await mkdir(join(dataDir, 'deductions'), { recursive: true });
  const db = await openJsonFile(
    join(dataDir, 'deductions', 'selections.json'),
    SelectionsFile,
    {
      imports: [],
      entries: {},
    },
    stringify,
  );
  const entries = new Map<string, DeductionEntry>(Object.entries(db.data.entries));
  return createMemoryDeductionStore({ entries, imports: db.data.imports }, async (next) => {
    db.data = { imports: [...next.imports], entries: Object.fromEntries(next.entries) };
    await db.write();
  });
}
