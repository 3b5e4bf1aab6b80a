import type { Catalog } from '../i18n/catalog.js';
import { localDay } from '../lib/time.js';
import type { Lookup } from '../services/look-up-invoice.js';
import { noticeTitle } from './notice-renderer.js';

/**
 * One context line per policy change that bears on the looked-up invoice ("A policy change effective 2026-12-01
 * affects 数电, red invoices: …"), for the card and the walk-through's first step. Context only: the diagnosis still
 * names the most specific cause.
 */
export function policyNotes(lookup: Pick<Lookup, 'policyChanges'>, t: Catalog, zone: string): string[] {
  return lookup.policyChanges.map((n) =>
    t.notices.policyContext(
      localDay(new Date(n.startsAt), zone),
      t.notices.invoiceKinds(n.policy?.invoiceKinds ?? []),
      noticeTitle(n),
    ),
  );
}
