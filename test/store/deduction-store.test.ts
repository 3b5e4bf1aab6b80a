import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeductionRecord } from '../../src/domain/deduction-record.js';
import { parseDeductionRow } from '../../src/domain/deduction-row.js';
import type { DeductionStore } from '../../src/ports.js';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { createFileDeductionStore } from '../../src/store/file-deduction-store.js';
import { createMemoryDeductionStore } from '../../src/store/memory-deduction-store.js';
import { createPgDeductionStore } from '../../src/store/postgres/pg-deduction-store.js';
import { listed } from '../helpers/listed-changes.js';
import { describePostgres, useMigratedSchema } from '../helpers/postgres.js';
import { deductionCells } from '../helpers/rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const NOW = new Date('2026-12-09T02:00:00Z');
const LATER = new Date('2026-12-10T02:00:00Z');
const A = '26312000000000012345';
const B = '26312000000000012346';

function record(overrides: Parameters<typeof deductionCells>[0] = {}): DeductionRecord {
  const parsed = parseDeductionRow(deductionCells(overrides), 2, 'Asia/Shanghai');
  if (!parsed.ok) throw new Error('fixture row is invalid');
  return parsed.record;
}

const adapters: Array<{ name: string; open: () => Promise<DeductionStore> }> = [
  { name: 'memory', open: async () => createMemoryDeductionStore() },
  { name: 'file', open: async () => createFileDeductionStore(await tempDir()) },
];

function contract(open: () => Promise<DeductionStore>): void {
  it('stores an export’s rows by invoice key, with the period and the import', async () => {
    const store = await open();
    expect(await store.lastImport()).toBeUndefined();
    const changes = await store.importSelections(
      [record({ 数电发票号码: A, 是否勾选: '是' }), record({ 数电发票号码: B })],
      { file: 'gx.csv', period: '2026-11' },
      NOW,
    );
    expect(listed(changes)).toEqual({ added: 2, changed: 0, unchanged: 0, touched: [`D${A}`, `D${B}`] });
    expect(await store.get(`D${A}`)).toMatchObject({
      record: { selected: true },
      period: '2026-11',
      importedAt: NOW.toISOString(),
      file: 'gx.csv',
    });
    expect(await store.get('D26312000000000099999')).toBeUndefined();
    expect(await store.lastImport()).toEqual({
      importedAt: NOW.toISOString(),
      file: 'gx.csv',
      rows: 2,
      period: '2026-11',
    });
    expect((await store.all()).map((e) => e.record.id.number).sort()).toEqual([A, B]);
  });

  it('a later export replaces a row; the same row again is unchanged but dated to the new import', async () => {
    const store = await open();
    await store.importSelections(
      [record({ 数电发票号码: A }), record({ 数电发票号码: B })],
      { file: 'a.csv', period: '2026-11' },
      NOW,
    );
    const changes = await store.importSelections(
      [record({ 数电发票号码: A, 是否勾选: '是' }), record({ 数电发票号码: B })],
      { file: 'b.csv', period: '2026-11' },
      LATER,
    );
    expect(listed(changes)).toEqual({ added: 0, changed: 1, unchanged: 1, touched: [`D${A}`] });
    expect((await store.get(`D${A}`))?.record.selected).toBe(true);
    expect((await store.get(`D${B}`))?.importedAt).toBe(LATER.toISOString());
  });
}

describe.each(adapters)('DeductionStore ($name)', ({ open }) => contract(open));

describePostgres('DeductionStore (postgres, fresh schema)', () => {
  const schema = useMigratedSchema();
  // One fresh schema for the file; each test starts from empty tables.
  contract(async () => {
    await schema.pool.query('TRUNCATE deduction_selections, deduction_imports');
    return createPgDeductionStore(schema.pool);
  });

  it('an import that fails part-way writes nothing', async () => {
    await schema.pool.query('TRUNCATE deduction_selections, deduction_imports');
    const store = createPgDeductionStore(schema.pool);
    // A constraint the second row breaks makes the one INSERT fail after the first row: the transaction rolls back.
    const broken = [
      record({ 数电发票号码: A }),
      { ...record(), id: { kind: 'digital' as const, number: 'x'.repeat(20) } },
    ];
    await schema.pool.query(
      "ALTER TABLE deduction_selections ADD CONSTRAINT digits CHECK (invoice_key ~ '^D[0-9]{20}$')",
    );
    try {
      await expect(store.importSelections(broken, { file: 'gx.csv', period: '2026-11' }, NOW)).rejects.toThrow();
    } finally {
      await schema.pool.query('ALTER TABLE deduction_selections DROP CONSTRAINT digits');
    }
    expect(await store.get(`D${A}`)).toBeUndefined();
    expect(await store.lastImport()).toBeUndefined();
  });
});

describe('file deduction store', () => {
  it('keeps every selection across a restart', async () => {
    const dir = await tempDir();
    const first = await createFileDeductionStore(dir);
    await first.importSelections(
      [record({ 数电发票号码: A, 红字锁定标志: '已锁定' })],
      { file: 'gx.csv', period: '2026-11' },
      NOW,
    );
    const reopened = await createFileDeductionStore(dir);
    expect((await reopened.get(`D${A}`))?.record.redLocked).toBe(true);
    expect((await reopened.lastImport())?.file).toBe('gx.csv');
  });

  it('a corrupt file stops the store, naming the file, and is left as it was', async () => {
    const dir = await tempDir();
    await createFileDeductionStore(dir);
    const file = join(dir, 'deductions', 'selections.json');
    await writeFile(file, '{"imports":[],"entries":{"x":{"record":1}}}');
    const error = await createFileDeductionStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataError);
    expect((error as Error).message).toContain(file);
    expect(await readFile(file, 'utf8')).toBe('{"imports":[],"entries":{"x":{"record":1}}}');
  });
});

describe('memory deduction store', () => {
  it('a failed write changes nothing the store answers (all or nothing)', async () => {
    const store = createMemoryDeductionStore(undefined, async () => {
      throw new Error('disk full');
    });
    await expect(store.importSelections([record()], { file: 'gx.csv', period: '2026-11' }, NOW)).rejects.toThrow(
      'disk full',
    );
    expect(await store.get(`D${A}`)).toBeUndefined();
    expect(await store.lastImport()).toBeUndefined();
  });
});
