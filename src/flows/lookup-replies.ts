import { type Actor, isFinance } from '../domain/actor.js';
import type { Diagnosis } from '../domain/diagnose.js';
import { type Disclosure, disclosureFor, type Place } from '../domain/disclosure.js';
import { formatId, type InvoiceId, invoiceKey } from '../domain/identifier.js';
import { type InvoicePair, isDigital, type LedgerRecord, type TaxRecord } from '../domain/invoice.js';
import type { AdviceContext, Catalog, Formatters } from '../i18n/catalog.js';
import { formatters } from '../i18n/formatters.js';
import type { Lookup } from '../services/look-up-invoice.js';
import { makeChoice } from './choices.js';
import { policyNotes } from './policy-notes.js';
import type { CardField, Choice, InvoiceCard, Reply, TimelineStep } from './reply.js';

/** What rendering a lookup needs to know about its reader and place. */
export type LookupView = { actor: Actor; t: Catalog; zone: string; place: Place };

/** What the reader of `view` may see of this invoice (the masking rule, decided once in the domain). */
export function disclosureOf(pair: InvoicePair, view: Pick<LookupView, 'actor' | 'place'>): Disclosure {
  return disclosureFor(view.actor, pair.ledger?.requester, view.place);
}

/**
 * Whose advice the reader of a lookup gets: the invoice's direction and kind (only a paper invoice can be voided), and
 * whether they are finance (who are told what finance does rather than to escalate to finance).
 * @example adviceOf(lookup, { userId: 'U1', role: 'finance' }) // { direction: 'received', finance: true, medium: 'paper', digital: false }
 */
export function adviceOf(lookup: Pick<Lookup, 'direction' | 'kind'>, actor: Pick<Actor, 'role'>): AdviceContext {
  // One literal (unknown facts undefined, which the advice reads as unknown): one object shape for every lookup.
  return {
    direction: lookup.direction,
    finance: isFinance(actor),
    medium: lookup.kind?.medium,
    digital: lookup.kind?.digital,
  };
}

/** Turns one lookup into replies: an explanation of a bad id, a list of near matches, and/or the invoice card. */
export function lookupReplies(lookup: Lookup, view: LookupView): Reply[] {
  const { t } = view;
  const d = lookup.diagnosis;
  const replies: Reply[] = [];
  if (d.cause === 'invalid_id') {
    const lines = d.problems.map((p) => `• ${t.idProblem(p)}`);
    replies.push({ kind: 'text', text: [t.invalidIdIntro(lookup.mention.raw), ...lines, t.validShapes].join('\n') });
  }
  if ((d.cause === 'invalid_id' || d.cause === 'not_found') && d.nearMatches.length > 0) {
    replies.push({
      kind: 'list',
      title: t.diagnosis(d, formatters(view.zone, disclosureOf(lookup.pair, view)), adviceOf(lookup, view.actor)).next,
      items: d.nearMatches.map((m) => ({
        text: `${formatId(m.id)} — ${t.nearMatchHow(m.how)}`,
        choice: lookupChoice(m.id, formatId(m.id)),
      })),
    });
    return replies;
  }
  if (d.cause === 'invalid_id') return replies;
  return [...replies, { kind: 'invoice', card: buildCard(lookup, view) }];
}

/** A choice that looks an invoice up. */
export function lookupChoice(id: InvoiceId, label: string): Choice {
  return makeChoice({ kind: 'lookup', key: invoiceKey(id) }, label);
}

function buildCard(lookup: Lookup, view: LookupView): InvoiceCard {
  const { t, zone } = view;
  const { ledger, tax } = lookup.pair;
  const facts = ledger ?? tax;
  const f = formatters(zone, disclosureOf(lookup.pair, view));
  const id = lookup.id ? formatId(lookup.id) : lookup.mention.raw;
  const fields: CardField[] = [];
  if (facts) {
    fields.push({ label: t.card.type, value: facts.type });
    fields.push({ label: t.card.issued, value: f.time(facts.issuedAt) });
    fields.push({ label: t.card.amount, value: f.amount(facts.total) });
    fields.push({ label: t.card.seller, value: party(facts.sellerName, facts.sellerTaxId, f) });
    fields.push({ label: t.card.buyer, value: party(facts.buyerName, facts.buyerTaxId, f) });
  }
  fields.push({ label: t.card.erpStatus, value: ledger ? t.erpStatus(ledger.erpStatus) : t.card.notInLedger });
  fields.push({ label: t.card.taxStatus, value: tax ? t.taxStatus(tax) : t.card.notInTax });
  // The export's 发票风险等级 is shown verbatim: its values are not documented (domain-fapiao §3.2).
  if (tax?.risk) fields.push({ label: t.card.risk, value: tax.risk });
  // The direction is known for a voided or not-yet-issued invoice too, which belongs to no return: say it anyway.
  if (lookup.direction) fields.push({ label: t.filing.directionLabel, value: t.filing.direction(lookup.direction) });
  if (lookup.filing) fields.push({ label: t.filing.label, value: t.filing.sentence(lookup.filing) });
  if (lookup.deduction) fields.push({ label: t.deduction.label, value: deductionText(lookup, view, f) });
  if (ledger?.requester) fields.push({ label: t.card.requester, value: ledger.requester, userId: ledger.requester });
  const footer = [
    ...policyNotes(lookup, t, zone),
    lookup.lastImport
      ? t.card.lastSync(f.time(lookup.lastImport.importedAt), lookup.lastImport.from, lookup.lastImport.to)
      : t.card.noSync,
    ...(f.reveal ? [] : [t.card.masked]),
  ];
  const window = lookup.activeWindows[0];
  const key = lookup.id ? invoiceKey(lookup.id) : '';
  return {
    title: t.card.title(id),
    ...(window ? { banner: t.card.maintenanceBanner(window.title, f.time(window.endsAt)) } : {}),
    fields,
    timeline: { label: t.card.timeline, steps: timeline(ledger, tax, lookup.diagnosis, view) },
    diagnosis: t.diagnosis(lookup.diagnosis, f, adviceOf(lookup, view.actor)),
    footer,
    actions: key
      ? [
          makeChoice({ kind: 'troubleshoot', key }, t.card.troubleshoot, 'primary'),
          makeChoice({ kind: 'escalate', key }, t.card.escalate),
        ]
      : [],
  };
}

/**
 * The deduction line of a card or a walk-through: where the invoice stands (amounts through the reader's masking
 * rule) and what this reader does about it — finance is told what finance does.
 */
export function deductionText(lookup: Pick<Lookup, 'deduction'>, view: Pick<LookupView, 'actor' | 't'>, f: Formatters) {
  if (!lookup.deduction) return '';
  const advice = view.t.deduction.advice(lookup.deduction, isFinance(view.actor));
  return [view.t.deduction.state(lookup.deduction, f), advice].filter(Boolean).join(' ');
}

function party(name: string, taxId: string, f: Formatters): string {
  return taxId ? `${name} (${f.taxId(taxId)})` : name;
}

function timeline(
  ledger: LedgerRecord | undefined,
  tax: TaxRecord | undefined,
  d: Diagnosis,
  view: LookupView,
): TimelineStep[] {
  const { t } = view;
  const f = formatters(view.zone);
  const issuedAt = ledger?.issuedAt ?? tax?.issuedAt;
  const issueFailed = ledger?.erpStatus === 'issue_failed';
  const notIssued = ledger?.erpStatus === 'pending_review' || ledger?.erpStatus === 'issuing';
  const steps: TimelineStep[] = [
    {
      label: t.card.stepIssued,
      state: issueFailed ? 'failed' : notIssued ? 'pending' : 'done',
      ...(issuedAt && !notIssued && !issueFailed ? { at: f.time(issuedAt) } : {}),
    },
  ];
  const facts = ledger ?? tax;
  // 数电 invoices are issued on the tax platform itself; only legacy (税控) invoices have an upload step.
  if (facts && !isDigital(facts)) {
    const uploaded = ledger?.uploadedAt ?? (tax ? tax.issuedAt : undefined);
    const state = ledger?.erpStatus === 'upload_failed' ? 'failed' : uploaded ? 'done' : 'pending';
    steps.push({
      label: t.card.stepUploaded,
      state,
      ...(uploaded && state === 'done' ? { at: f.time(uploaded) } : {}),
    });
  }
  const expectedBy = 'expectedBy' in d ? d.expectedBy : undefined;
  steps.push({
    label: t.card.stepVisible,
    state: tax ? 'done' : 'pending',
    ...(expectedBy && !tax ? { at: `≤ ${f.time(expectedBy)}` } : {}),
  });
  return steps;
}
