/** The two sides of an invoice, as the `invoices` table names its document columns. */
export type Side = 'ledger' | 'tax';

/** Every column of `invoices`, in the order the table has them. */
export const INVOICE_COLUMNS = [
  'pk',
  'ledger',
  'tax',
  'issued_at',
  'issue_day',
  'totals',
  'names',
  'tax_ids',
  'requester',
  'red_of',
] as const;

/**
 * SQL for the columns `find` filters on, derived from an invoice's two documents (`ledger`, `tax`: SQL expressions
 * of type jsonb, either possibly NULL). One definition for the insert and the update of an import, so the indexed
 * copies can never drift from the documents.
 */
export function derivedColumns(ledger: string, tax: string): Record<string, string> {
  const both = (field: string, cast = '') =>
    `array_remove(ARRAY[(${ledger}->>'${field}')${cast}, (${tax}->>'${field}')${cast}], NULL)`;
  const nonEmpty = (field: string) => `nullif(${ledger}->>'${field}', ''), nullif(${tax}->>'${field}', '')`;
  return {
    issued_at: `coalesce(${ledger}, ${tax})->>'issuedAt'`,
    issue_day: `left(coalesce(${ledger}, ${tax})->>'issuedAt', 10)::date`,
    totals: both('total', '::bigint'),
    names: `array_remove(ARRAY[${ledger}->>'sellerName', ${ledger}->>'buyerName', ${tax}->>'sellerName', ${tax}->>'buyerName'], NULL)`,
    tax_ids: `array_remove(ARRAY[${nonEmpty('sellerTaxId')}, ${nonEmpty('buyerTaxId')}], NULL)`,
    requester: `nullif(${ledger}->>'requester', '')`,
  };
}

/**
 * One import's write: the staged rows of `incoming` (already merged, one per invoice) become that side of their
 * invoices, inserting new invoices and keeping the other side of existing ones.
 */
export function upsertSql(side: Side): string {
  const insert = derivedColumns(side === 'ledger' ? 'n.doc' : 'NULL::jsonb', side === 'tax' ? 'n.doc' : 'NULL::jsonb');
  const update = derivedColumns(
    side === 'ledger' ? 'EXCLUDED.ledger' : 'v.ledger',
    side === 'tax' ? 'EXCLUDED.tax' : 'v.tax',
  );
  const columns = Object.keys(insert);
  return `INSERT INTO invoices AS v (pk, ${side}, red_of, ${columns.join(', ')})
    SELECT n.pk, n.doc, n.red_of, ${Object.values(insert).join(', ')} FROM incoming n
    ON CONFLICT (pk) DO UPDATE SET ${side} = EXCLUDED.${side},
      red_of = ${side === 'tax' ? 'EXCLUDED.red_of' : 'v.red_of'},
      ${Object.entries(update)
        .map(([column, sql]) => `${column} = ${sql}`)
        .join(',\n      ')}`;
}
