import { type Actor, isFinance } from '../domain/actor.js';
import type { Catalog } from '../i18n/catalog.js';
import { filingDeadlines } from '../services/filing-deadlines.js';
import type { LookupDeps } from '../services/look-up-invoice.js';
import type { Reply } from './reply.js';

/** `/invoice deadlines` (`申报期`): the current and next filing deadlines; finance also sees what is still missing. */
export async function deadlinesReplies(deps: LookupDeps, actor: Actor, t: Catalog): Promise<Reply[]> {
  const report = await filingDeadlines(deps, isFinance(actor));
  const lines = [
    t.filing.title,
    t.filing.deadline('current', report.current, report.current.daysLeft),
    t.filing.deadline('next', report.next, report.next.daysLeft),
  ];
  if (report.missing)
    lines.push(t.filing.missingTitle, ...report.missing.map((m) => t.filing.missing(m.period, m.issued, m.received)));
  return [{ kind: 'text', text: lines.join('\n') }];
}
