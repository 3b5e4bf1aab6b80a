import type { Actor } from '../domain/actor.js';
import { directionOf } from '../domain/direction.js';
import { disclosureFor, type Place } from '../domain/disclosure.js';
import { formatId, type InvoiceId, invoiceKey } from '../domain/identifier.js';
import { isSpecialType, mediumOf } from '../domain/invoice-medium.js';
import { lostCase } from '../domain/lost-invoice.js';
import type { Catalog } from '../i18n/catalog.js';
import { localDay } from '../lib/time.js';
import type { LookupDeps } from '../services/look-up-invoice.js';
import { makeChoice } from './choices.js';
import type { Reply } from './reply.js';

/** Who asks, and where: amounts are shown only to people who may see them, never in a shared thread. */
export type LostView = { actor: Actor; t: Catalog; place: Place };

/**
 * "I lost my invoice": the remedy for the invoice's kind and direction in a few lines. With an id in our records the
 * reply names the invoice and the platform search that finds it (issue date, total); with any id it offers to
 * escalate with the reason "lost invoice"; without one it gives every remedy briefly and asks for the id.
 */
export async function lostReplies(deps: LookupDeps, id: InvoiceId | undefined, view: LostView): Promise<Reply[]> {
  const { t } = view;
  if (!id) {
    const lines = [
      t.lost.general,
      ...(['electronic', 'paper_received', 'paper_issued'] as const).map((c) => `• ${t.lost.remedy(c, true)}`),
    ];
    return [{ kind: 'text', text: [...lines, t.lost.reimbursed, t.lost.askId].join('\n') }];
  }
  const { ledger, tax } = await deps.store.get(id);
  const facts = ledger ?? tax;
  const shown = formatId(id);
  const lines = [t.lost.title(shown)];
  if (facts) {
    const direction = directionOf(facts, deps.settings.companyTaxIds);
    const disclosure = disclosureFor(view.actor, ledger?.requester, view.place);
    const day = localDay(new Date(facts.issuedAt), deps.zone);
    lines.push(
      t.lost.found(facts.type, t.lost.direction(direction)),
      t.lost.search(day, disclosure.reveal ? disclosure.amount(facts.total) : undefined, shown),
      t.lost.remedy(
        lostCase({
          medium: mediumOf(facts.ids, facts.type),
          ...(direction ? { direction } : {}),
          special: isSpecialType(facts.type),
        }),
        isSpecialType(facts.type),
      ),
    );
  } else {
    lines.push(t.lost.notInRecords, t.lost.remedy(lostCase({ medium: mediumOf([id]), special: false }), false));
  }
  lines.push(t.lost.reimbursed);
  return [
    {
      kind: 'choices',
      text: lines.join('\n'),
      choices: [makeChoice({ kind: 'escalate_lost', key: invoiceKey(id) }, t.lost.escalate)],
    },
  ];
}
