import type { Diagnosis } from '../domain/diagnose.js';
import type { NonIdNumber } from '../domain/non-id-numbers.js';
import {
  type Catalog,
  type DiagnosisText,
  type Formatters,
  HELP_GROUPS,
  type HelpTopic,
  withAdvice,
} from './catalog.js';
import { adviceEn } from './en-advice.js';
import { showDisagreement } from './show-disagreement.js';
import { statsEn } from './stats-en.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Working days left before a deadline, counting today and the deadline itself.
const left = (n: number) => (n === 1 ? 'today is the last working day' : `${n} working days left`);

// A filing deadline as people read it: one the rule computed (no official table for its year yet) says so.
const dueOf = (d: { due: string; official: boolean }) => `${d.due}${d.official ? '' : ' (provisional)'}`;

const ERP: Record<string, string> = {
  pending_review: 'pending review',
  issuing: 'being issued',
  issued: 'issued',
  issue_failed: 'issue failed',
  upload_failed: 'upload failed',
  voided: 'voided',
  red_reversed: 'red-reversed',
};

const TAX: Record<string, string> = {
  正常: 'normal (正常)',
  作废: 'voided (作废)',
  已作废: 'voided (已作废)',
  红冲: 'red-reversed (红冲)',
  已红冲: 'red-reversed (已红冲)',
  全额红冲: 'fully red-reversed (全额红冲)',
  部分红冲: 'partially red-reversed (部分红冲)',
  失控: 'out of control (失控)',
  异常: 'abnormal (异常)',
  认证异常: 'certification anomaly (认证异常)',
};

const FIELD: Record<string, string> = { total: 'total', issuedAt: 'issue date', type: 'type' };

function describe(d: Diagnosis, f: Formatters): DiagnosisText {
  switch (d.cause) {
    case 'invalid_id':
      return {
        headline: 'This does not look like a valid invoice id — probably a typing slip.',
        evidence: [],
        next: 'Check the id against the invoice (see what is wrong above) and ask again.',
      };
    case 'not_found':
      return {
        headline:
          d.nearMatches.length > 0
            ? 'No invoice has exactly this id, but some are one typing slip away.'
            : 'This invoice is not in any of our records.',
        evidence: [
          d.lastImport
            ? `Tax data last refreshed ${f.time(d.lastImport.importedAt)} (issue dates ${d.lastImport.from} – ${d.lastImport.to}).`
            : 'No tax data has been imported yet.',
        ],
        next:
          d.nearMatches.length > 0
            ? 'Did you mean one of the ids below? Ask again with the right one.'
            : 'Check the id with whoever issued it. If it was issued very recently, ask again after the next sync, or escalate to finance.',
      };
    case 'not_issued':
      return {
        headline: `It has not been issued yet: the ERP says it is ${ERP[d.erpStatus]}.`,
        evidence: [],
        next: 'It cannot be in the tax system until finance approves and issues it. Ask the approver, or escalate if it is urgent.',
      };
    case 'issue_failed':
      return {
        headline: 'Issuing this invoice failed in the ERP, so the tax system never received it.',
        evidence: [],
        next: 'Finance must fix the error and issue it again — escalate so they see it.',
      };
    case 'upload_failed':
      return {
        headline: 'It was issued but the upload to the tax system failed.',
        evidence: [],
        next: 'Finance must retry the upload — escalate so they see it.',
      };
    case 'voided':
      return {
        headline: `It was voided (status “${d.statusLabel}”).`,
        evidence: [
          'Voided invoices only show in the tax system when you filter by status.',
          'Only paper invoices can be voided, and only in the month they were issued; electronic ones are red-reversed instead.',
        ],
        next: 'If it was voided by mistake, a new invoice must be issued — ask finance.',
      };
    case 'red_reversed':
    case 'partially_red_reversed':
      return {
        headline:
          d.cause === 'red_reversed'
            ? `It was fully reversed by a red-letter invoice (status “${d.statusLabel}”).`
            : `Part of it was reversed by a red-letter invoice (status “${d.statusLabel}”).`,
        evidence: [
          ...(d.reversedBy.length > 0 ? [`Reversed by ${d.reversedBy.map(f.id).join(', ')}.`] : []),
          ...(d.cause === 'partially_red_reversed' && d.redTotal !== undefined && d.remaining !== undefined
            ? [`Reversed: ${f.amount(d.redTotal)}; remaining: ${f.amount(d.remaining)}.`]
            : []),
        ],
        next:
          d.cause === 'red_reversed'
            ? 'Look up the red invoice; if a replacement is needed, ask finance to issue it.'
            : 'Only the remaining amount can be deducted; look up the red invoice for the reversed part.',
      };
    case 'red_invoice':
      return {
        headline: d.reverses
          ? `This is a red-letter (negative) invoice: it reverses ${f.id(d.reverses)}.`
          : 'This is a red-letter (negative) invoice; its notes do not name the invoice it reverses.',
        evidence: [
          `Status “${d.statusLabel}”. A red invoice lowers the original's amount; it is not a sale of its own.`,
        ],
        next: d.reverses
          ? `Look up ${f.id(d.reverses)} to see what remains of it.`
          : 'Ask finance which invoice it reverses.',
      };
    case 'out_of_control':
      return {
        headline: 'The tax system flags it 失控 (out of control): it exists but cannot be deducted.',
        evidence: [],
        next: 'Finance must contact the seller and the tax office — escalate.',
      };
    case 'abnormal':
      return {
        headline:
          'The tax system flags it 异常 (abnormal voucher): it must not be deducted, or must be transferred out if it was.',
        evidence: [],
        next: 'Escalate to finance.',
      };
    case 'maintenance':
      return {
        headline: `The tax system had maintenance around the time it was issued: ${d.window.title}.`,
        evidence: [`Window ${f.time(d.window.startsAt)} – ${f.time(d.window.endsAt)}.`],
        next: `Wait: it should appear by ${f.time(d.expectedBy)}. Escalate if it is still missing after that.`,
      };
    case 'sync_window':
      return {
        headline: 'It was issued recently and is still inside the normal sync delay.',
        evidence: d.coveredUntil ? [`Our tax data covers issue dates up to ${d.coveredUntil}.`] : [],
        next: `Wait: it should appear by ${f.time(d.expectedBy)}.`,
      };
    case 'not_synced_yet':
      return {
        headline: 'Our copy of the tax data does not cover the day it was issued yet.',
        evidence: [
          d.lastImport
            ? `Last tax import ${f.time(d.lastImport.importedAt)}, covering issue dates ${d.lastImport.from} – ${d.lastImport.to}.`
            : 'No tax data has been imported yet.',
          ...(d.stale ? ['That import is older than expected.'] : []),
        ],
        next: 'Ask finance to run a sync; the bot will then know whether the tax system has it.',
      };
    case 'overdue':
      return {
        headline: 'It should be visible by now, but the tax data does not have it.',
        evidence: [
          `Expected by ${f.time(d.expectedBy)}.`,
          ...(d.lastImport ? [`Tax data imported ${f.time(d.lastImport.importedAt)}.`] : []),
        ],
        next: 'This needs finance: escalate with the button below.',
      };
    case 'wrong_buyer':
      return {
        headline: f.reveal
          ? `It was issued to a different buyer: ${d.actualName} (${d.actual}), not ${d.expected}.`
          : `It was issued to a different buyer (${f.taxId(d.actual)}) than our records say (${f.taxId(d.expected)}).`,
        evidence: [],
        next: 'It sits in the other taxpayer’s account. The seller must red-reverse it and issue a new one to the right buyer.',
      };
    case 'mismatch':
      return {
        headline: 'The tax system has it, but with different details than our records.',
        evidence: d.fields.map((x) => {
          if (!f.reveal) return `${FIELD[x.field]}: ours and the tax system's differ`;
          const { ours, theirs } = showDisagreement(x, f);
          return `${FIELD[x.field]}: ours ${ours}, tax system ${theirs}`;
        }),
        next: 'Search the tax system with its values. If the invoice itself is wrong it must be red-reversed and issued again (electronic invoices cannot be voided); if our ledger is wrong, finance corrects it.',
      };
    case 'tax_only':
      return {
        headline: `It is in the tax system (status “${d.statusLabel}”) but not in our ledger.`,
        evidence: [],
        next: 'Ask finance to record it in the ERP.',
      };
    case 'too_old':
      return {
        headline: `It is older than ${d.years} years, so it can no longer be verified online.`,
        evidence: [],
        next: 'Ask finance for the archived copy.',
      };
    case 'other_region':
      return {
        headline: `It went to our branch registered in ${d.regionName ? `${d.regionName} (${d.region})` : `region ${d.region}`}, not the Beijing entity.`,
        evidence: [],
        next: 'Look for it in that branch’s tax account.',
      };
    case 'visible':
      return {
        headline: `It is in the tax system with status “${d.statusLabel}”.`,
        evidence: [],
        next: 'If you still cannot see it, check the account, the date filter and the buyer you are searching under — or troubleshoot.',
      };
  }
}

const HELP_INTRO = '*Invoice Desk* — I find invoices and explain why one is not in the tax system.';
const HELP_MORE =
  'You can also DM me or @mention me with any message that contains an invoice id. `/invoice help <command>` explains one command with an example.';
const HELP_LINES: Record<HelpTopic, string> = {
  where: '`/invoice <id>` or `/invoice where <id>` — look an invoice up (20-digit 数电 number, or code + number)',
  find: '`/invoice find <amount|date|month|date..date|name>` — find invoices by what you remember',
  check: '`/invoice check <id>` — troubleshoot it step by step',
  escalate: '`/invoice escalate <id> [urgent] [note]` — escalate to finance',
  escalations: '`/invoice escalations` — your escalations',
  watch: '`/invoice watch <id>` — tell me when it appears in the tax data',
  lost: '`/invoice lost [id]` — lost an invoice? what to do, by its kind (also “I lost invoice …”)',
  deadlines: '`/invoice deadlines` (`申报期`) — the current and next VAT filing deadlines',
  notices: '`/invoice notices` — maintenance windows, active and upcoming',
  lang: '`/invoice lang en|zh` — reply language',
  help: '`/invoice help [command]` — this help, or one command explained',
  sync: '`/invoice sync [from..to] [type]` — import the inbox and reconcile',
  stats: '`/invoice stats [this-week|last-week|this-month|last-month|from..to]` — how the bot is doing',
  findTaxId: '`/invoice find <tax id>` — invoices a seller or buyer issued or received, by taxpayer id',
  escalation:
    '`/invoice escalation claim|waiting|reopen|resolve|assign|duplicate ESC-…` — act on an escalation (or use its buttons); `/invoice escalations open` — the queue',
  notice: '`/invoice notice` — broadcast a maintenance notice (form), or `notice schedule|update|extend|end|cancel …`',
};

/** English strings. */
export const en: Catalog = {
  help: [HELP_INTRO, ...HELP_GROUPS.employee.map((topic) => HELP_LINES[topic]), HELP_MORE].join('\n'),
  helpGuide: {
    intro: HELP_INTRO,
    group: {
      employee: '*For everyone*',
      finance: '*For finance leads* (and admins)',
      admin: '*For admins*',
    },
    line: HELP_LINES,
    detail: {
      where:
        'Looks an invoice up in our records and the tax data and explains where it is. Any wording works: the 20-digit 数电 number, or the code and number (also with 代码/号码 or 发票代码：/发票号码：), a QR-code text, several ids at once.\nExample: `/invoice 代码 011002600111 号码 10000007` or `/invoice 26112000000000100010`',
      find: 'Finds invoices by what you remember: an amount, a date, a month, a range of dates, or a company name (several together narrow it down).\nExample: `/invoice find 2026-11 乙客户`, `/invoice find 1130.00`, `/invoice find 2026-11-25..2026-11-27`',
      check:
        'Walks you through the troubleshooting checklist for one invoice, step by step: maintenance → sync delay → entry error → issue/upload → voided/red-reversed → wrong buyer. While it asks a question, answer with `/invoice check <answer>`.\nExample: `/invoice check 26112000000000100010`',
      escalate:
        'Files an escalation to finance with everything the bot checked. Add `urgent` and a note when it is needed before a deadline.\nExample: `/invoice escalate 26112000000000100010 urgent needed for the November return`',
      escalations:
        'Lists your escalations; finance leads and admins see the open queue, filtered with all, open, claimed, waiting or resolved.\nExample: `/invoice escalations open`',
      watch:
        'Tells you by DM when the next sync brings the invoice into the tax data.\nExample: `/invoice watch 26112000000000100008`',
      lost: 'Tells you what to do about a lost invoice, by its kind and direction: an electronic one is downloaded again; for a paper one, who provides the stamped copy. Also understood as a sentence (“发票丢了”, “I lost invoice …”). If it was already submitted for reimbursement, escalate with the reason “lost invoice”.\nExample: `/invoice lost 1100254130 20000017`',
      deadlines:
        'Shows the VAT return being prepared and the next one: each deadline (申报期), whether it is official or provisional (computed by the rule until the tax bureau publishes the year), and the working days left. Finance leads also see how many invoices of each period are still missing from the tax data.\nExample: `/invoice deadlines` or `/invoice 申报期`',
      notices: 'Lists the active and upcoming maintenance windows of the tax systems.\nExample: `/invoice notices`',
      lang: 'Sets the language I answer you in.\nExample: `/invoice lang zh`',
      help: 'Lists the commands you may use, or explains one.\nExample: `/invoice help find`',
      findTaxId:
        'Finance leads and admins: finds the invoices whose seller or buyer has this taxpayer id (an 18-character 统一社会信用代码, or a 15/17/20-character legacy one); combine it with a month or an amount.\nExample: `/invoice find 91110108801489416U 2026-11`',
      stats:
        'Finance leads and admins: the bot’s figures for a period — questions, confirmed solved, escalated, causes, time to first response and to resolution in business hours, SLA attainment, invoices still missing — with the change against the previous period and charts.\nExample: `/invoice stats last-month` or `/invoice stats 2026-11-01..2026-11-30`',
      sync: 'Finance leads and admins: imports the files in the inbox (the e-tax export and the ledger), backs up first, and answers with the reconciliation. Optional limits: an issue-date range and an invoice type.\nExample: `/invoice sync 2026-11-01..2026-11-30`',
      escalation:
        'Finance leads and admins: act on an escalation — claim, waiting, reopen, resolve with a cause and a note, assign to someone, or mark a duplicate. The buttons on the escalation post do the same.\nExample: `/invoice escalation resolve ESC-20261127-001 sync It appeared after today’s sync`',
      notice:
        'Admins: broadcasts a maintenance or update notice. Without arguments it opens a form; the text form schedules or changes one.\nExample: `/invoice notice schedule 2026-11-28T22:00..2026-11-29T06:00 issuing,delivery E-invoice platform upgrade`',
    },
    more: HELP_MORE,
    unknownTopic: (word) => `There is no command “${word}”. These are the commands:`,
  },
  unknownCommand: (word) => `I don't know the command “${word}”. Here is what I can do:`,
  notIds(found) {
    const dates = found.filter((n) => n.kind === 'date').map((n) => n.text);
    const count = (kind: NonIdNumber['kind'], one: string, many: string) => {
      const n = found.filter((x) => x.kind === kind).length;
      return n === 0 ? [] : [n === 1 ? one : `${n} ${many}`];
    };
    const read = [
      ...(dates.length ? [`${dates.length === 1 ? 'the date' : 'the dates'} ${dates.join(', ')}`] : []),
      ...count('amount', 'an amount', 'amounts'),
      ...count('mobile', 'a mobile number', 'mobile numbers'),
      ...count('phone', 'a phone number', 'phone numbers'),
      ...count('tax_id', 'a taxpayer id', 'taxpayer ids'),
    ];
    const list = read.length > 1 ? `${read.slice(0, -1).join(', ')} and ${read.at(-1)}` : read[0];
    return `I read ${list} in that — ${found.length === 1 ? 'that is not' : 'none of them is'} an invoice id. To look an invoice up, send its 20-digit 数电 number, or its code and number; to find invoices by date, amount or company, use \`/invoice find <date|amount|name>\`.`;
  },
  companyHint: (name) =>
    `“${name}” looks like a company name, not an invoice id. To find its invoices: \`/invoice find ${name}\` — add a month or an amount to narrow it down (\`/invoice find ${name} 2026-11\`).`,
  noIdInMessage:
    'I could not find an invoice id in that. Send a 20-digit 数电 number, or a 10/12-digit code with its 8-digit number — or type `help`.',
  whereUsage: 'Which invoice? Example: `/invoice where 24112000000094149929`.',
  idsLeftOut: (count, answered, raws) =>
    `I answered the first ${answered} ids; ${count} more ${count === 1 ? 'was' : 'were'} left out (${raws.join(', ')}). Send ${count === 1 ? 'it' : 'them'} in another message to have ${count === 1 ? 'it' : 'them'} looked up.`,
  apology: 'Sorry, something went wrong on my side. Please try again in a minute.',
  messageCut: (length, max) =>
    `Your message is ${length.toLocaleString('en')} characters long; I read only the first ${max.toLocaleString('en')}.`,
  formUnreadable:
    'Sorry, I could not read that form: it may have been opened before the bot was updated. Please open it again.',
  noticeDraftGone:
    'This preview is no longer available (it was sent already, is over an hour old, or the bot restarted). Nothing was posted: open `/invoice notice` again.',
  languageSet: 'OK, I will answer you in English.',
  languageUsage: 'Use `/invoice lang en` or `/invoice lang zh`.',
  healthSummary: ({ records, lastSync: { tax, ledger, stale } }, f) =>
    `${records ? `${records.ledger} ledger / ${records.tax} tax records · ` : ''}last tax sync ${tax ? `${f.time(tax.importedAt)} (${tax.from} – ${tax.to})` : 'never'}${stale ? ' ⚠️ stale' : ''} · last ledger import ${ledger ? f.time(ledger.importedAt) : 'never'}`,
  watchUsage: 'Which invoice? Example: `/invoice watch 26112000000000100008` — I will tell you when a sync shows it.',
  invalidIdIntro: (raw) => `“${raw}” is not a valid invoice id:`,
  idProblem(p) {
    switch (p.code) {
      case 'wrong_length':
        return `it has ${p.length} digits; invoice ids have 20 digits (数电), or a 10/12-digit code plus an 8-digit number`;
      case 'all_zero_number':
        return 'its number part is all zeros';
      case 'unknown_region':
        return `region “${p.region}” is not a Chinese province code (Beijing is 1100 in codes, 11 in 20-digit numbers)`;
      case 'future_year':
        return `it claims the year ${p.year}, which is in the future`;
      case 'unknown_kind':
        return `kind “${p.kind}” is not an invoice kind`;
      case 'code_without_number':
        return `${p.digits} looks like an invoice code, but the 8-digit invoice number is missing`;
      case 'number_without_code':
        return `${p.digits} looks like an 8-digit invoice number, but the 10/12-digit code is missing`;
    }
  },
  validShapes: 'Valid: 20-digit 数电 number like 24112000000094149929, or code + number like 011002500111 00412345.',
  filing: {
    period: (p) => `${MONTHS[Number(p.slice(5, 7)) - 1]} ${p.slice(0, 4)}`,
    directionLabel: 'Direction',
    direction: (d) => (d === 'issued' ? 'issued by us (we are the seller)' : 'received by us (we are the buyer)'),
    label: 'Filing period',
    sentence: (f) => {
      const period = en.filing.period(f.period);
      const due = dueOf(f);
      if (f.direction === 'issued')
        return f.daysLeft > 0
          ? `Counts toward the ${period} return, due ${due} (${left(f.daysLeft)}).`
          : `Counted toward the ${period} return, due ${due} (the deadline has passed).`;
      // A branch's invoice is deducted in that entity's period, not ours: naming ours would ask our finance to act.
      if (f.deductedBy)
        return `Not in our deduction period: ${f.deductedBy.buyerName}, our entity in ${f.deductedBy.regionName ?? f.deductedBy.region}, confirms it for deduction in its own period under its own tax bureau.`;
      if (f.red)
        return `A red invoice is not selected for deduction: if the invoice it reverses was deducted, that input VAT is transferred out (进项税额转出) in the ${period} return, due ${due}${f.daysLeft > 0 ? ` (${left(f.daysLeft)})` : ''}.`;
      if (f.waitsFor)
        return `Not selectable until the ${en.filing.period(f.waitsFor.period)} return is filed (due ${dueOf(f.waitsFor)}); then it can be confirmed for deduction in the ${period} period until ${due}.`;
      return f.daysLeft > 0
        ? `Can be confirmed for deduction in the ${period} period until ${due} (${left(f.daysLeft)}); after that it moves to a later period.`
        : `The ${period} period for deduction closed on ${due}; it can still be confirmed in a later period.`;
    },
    title: '🗓 VAT filing deadlines (申报期)',
    deadline: (which, d, n) =>
      `• ${which === 'current' ? 'Now' : 'Next'}: the ${en.filing.period(d.period)} return, due ${d.due} — ${d.official ? 'official' : 'provisional (computed by the rule; the official table is not published yet)'} · ${left(n)}`,
    missingTitle: 'Still missing from the tax data (for finance):',
    missing: (p, issued, received) =>
      `• ${en.filing.period(p)}: ${issued + received} invoice(s) — ${issued} issued, ${received} received`,
    urgentReason: (f, raised) =>
      `Urgent automatically: ${raised ? 'it became urgent' : 'filed'} when ${f.daysLeft} working day(s) were left before the ${en.filing.period(f.period)} return is due (${dueOf(f)}).`,
    reminder: (d, n, count) =>
      `⏰ The ${en.filing.period(d.period)} return is due ${dueOf(d)} (${left(n)}): ${count} invoice(s) of the period are still missing from the tax data.`,
    reminderLine: (id, direction, requester, escalation) =>
      `• ${id} — ${direction}${requester ? ` — @{${requester}}` : ''}${escalation ? ` — ${escalation}` : ''}`,
    requesterReminder: (d, n, ids) =>
      `⏰ The ${en.filing.period(d.period)} return is due ${dueOf(d)} (${left(n)}), and your invoice(s) ${ids.join(', ')} are still missing from the tax data. Look one up with \`/invoice <id>\` to see why, or escalate it.`,
    tableMissing: (year) =>
      `⚠️ The official VAT filing deadlines for ${year} are not in the bot yet, so it shows provisional dates computed by the rule. When the State Taxation Administration publishes them, add them to DATA_DIR/filing-calendar.json (years → "${year}" → source, deadlines).`,
  },
  deduction: {
    label: 'Deduction (勾选)',
    state: (s, f) => {
      const asOf = `(deduction export of ${f.time(s.asOf)})`;
      switch (s.kind) {
        case 'selected':
          // A branch selects in its own period under its own tax bureau: the period we recorded the export for is ours.
          return s.deductedBy
            ? `Selected for deduction (已勾选) by ${s.deductedBy.buyerName}, in its own period under its own tax bureau; deductible tax ${f.amount(s.deductibleTax)} ${asOf}.`
            : `Selected for deduction (已勾选) in the ${en.filing.period(s.period)} period; deductible tax ${f.amount(s.deductibleTax)} ${asOf}.`;
        case 'red_locked':
          return `Locked by a pending red-letter form (红字锁定): a 红字发票信息确认单 against this invoice waits to be confirmed, so it cannot be selected for deduction until the form is confirmed (the invoice is then red-reversed, fully or partly) or withdrawn, refused or lapsed (unconfirmed forms lapse after 72 hours) ${asOf}.`;
        case 'not_selected': {
          const period = en.filing.period(s.until.period);
          const due = dueOf(s.until);
          const when = s.opensAfter
            ? `it becomes selectable once the ${en.filing.period(s.opensAfter.period)} return is filed (due ${dueOf(s.opensAfter)}), then in the ${period} period until ${due}`
            : s.daysLeft > 0
              ? `it can be selected in the ${period} period until ${due} (${left(s.daysLeft)})`
              : `the ${period} period closed on ${due}; it can be selected in a later one`;
          if (s.deductedBy) return `Not selected for deduction yet (未勾选) ${asOf}.`;
          const late = s.late ? ' Its own period has closed, so the deduction moved to the current one.' : '';
          const listed = s.listed ? '' : ' It was not in the export: it may not have reached our 勾选 list yet.';
          return `${s.urgent ? '⏰ ' : ''}Not selected for deduction yet (未勾选): ${when} ${asOf}.${late}${listed}`;
        }
      }
    },
    advice: (s, finance) => {
      switch (s.kind) {
        case 'selected':
          return undefined;
        case 'red_locked':
          // A branch's form is in that entity's tax account: our finance can neither confirm nor refuse it.
          if (s.deductedBy)
            return finance
              ? `Finance: not ours to handle — ${s.deductedBy.buyerName}'s finance confirms or refuses the 红字发票信息确认单 in its own tax account (the Beijing entity cannot act on it), then selects the corrected invoice there.`
              : `A correction of this invoice (红字, a red-letter form) is pending between the seller and ${s.deductedBy.buyerName}'s finance team; it cannot be deducted until that is settled. Nothing to do unless you did not expect a correction — then ask that entity's finance team.`;
          return finance
            ? 'Finance: open 红字发票信息确认单 on the platform. If the seller proposed the form, confirm or refuse it within 72 hours; if we proposed it, ask the seller to confirm. Once confirmed, select the corrected (new blue) invoice instead; if the form is withdrawn or lapses, the lock lifts and this one can be selected.'
            : 'A correction of this invoice (红字, a red-letter form) is pending between the seller and our finance team; it cannot be deducted until that is settled. Nothing to do unless you did not expect a correction — then escalate it.';
        case 'not_selected':
          if (s.deductedBy)
            return finance
              ? `Finance: not ours to select — ${s.deductedBy.buyerName}'s finance selects it in its own 抵扣类勾选 (the Beijing entity cannot deduct it).`
              : `${s.deductedBy.buyerName}'s finance team selects it for deduction; nothing to do for you here.`;
          if (s.opensAfter) return undefined;
          if (finance)
            return `Finance: select it in 抵扣类勾选 on the platform${s.daysLeft > 0 ? ` before ${s.until.due}` : ''} and confirm the selection (申请统计/确认签名); then export the list again and run \`/invoice sync\`.`;
          return s.urgent
            ? `The deadline is close: make sure finance has this invoice (hand it in if you have not) so they can select it by ${s.until.due}; escalate if in doubt.`
            : 'Finance selects it for deduction before the deadline; nothing to do for you if finance has the invoice.';
      }
    },
    reminderTitle: (d, n, count) =>
      `🧾 ${count} received invoice(s) of the ${en.filing.period(d.period)} period are not selected for deduction yet (due ${d.due}${d.official ? '' : ', provisional'}, ${left(n)}):`,
    reminderLine: (id, kind, requester) =>
      `• ${id} — ${kind === 'red_locked' ? 'locked by a pending red-letter form (红字锁定)' : 'not selected (未勾选)'}${requester ? ` — @{${requester}}` : ''}`,
    imported: (period) => `Deduction selections recorded for the ${en.filing.period(period)} period.`,
  },
  nearMatchHow: (how) =>
    ({
      one_digit: 'one digit differs',
      swapped: 'two digits swapped',
      missing_digit: 'one digit missing',
      extra_digit: 'one digit too many',
      short_number: 'same last 8 digits',
    })[how],
  diagnosis: withAdvice(describe, adviceEn),
  card: {
    title: (id) => `Invoice ${id}`,
    type: 'Type',
    issued: 'Issued',
    amount: 'Total (amount + tax)',
    seller: 'Seller',
    buyer: 'Buyer',
    erpStatus: 'Our records',
    taxStatus: 'Tax system',
    risk: 'Risk level (发票风险等级)',
    requester: 'Requester',
    notInLedger: 'not in our ledger',
    notInTax: 'not in the tax data',
    timeline: 'Timeline',
    stepIssued: 'Issued',
    stepUploaded: 'Uploaded',
    stepVisible: 'Visible in tax system',
    masked: 'Amounts and tax ids are hidden: only the requester, finance and admins see them.',
    troubleshoot: 'Troubleshoot',
    escalate: 'Escalate',
    lastSync: (at, from, to) => `Tax data last synced ${at} (issue dates ${from} – ${to})`,
    noSync: 'No tax data synced yet',
    maintenanceBanner: (title, until) => `Maintenance in progress: ${title} — until ${until}.`,
    reversedBy: (ids) => `Reversed by ${ids}`,
  },
  erpStatus: (s) => ERP[s] ?? s,
  taxStatus: ({ statusLabel: l, positive }) =>
    positive ? (TAX[l] ?? l) : `red invoice (红字发票, 红冲), ${TAX[l] ?? l}`,
  lost: {
    title: (id) => `Lost invoice ${id}:`,
    general: 'A lost invoice can almost always be replaced. What to do depends on its kind:',
    askId:
      'Send me its number for the exact steps, e.g. `/invoice lost 26112000000000100001` (the 20-digit 数电 number, or the code and number).',
    found: (type, direction) => `It is a ${type}, ${direction}.`,
    direction: (d) =>
      d === 'issued'
        ? 'issued by us'
        : d === 'received'
          ? 'received by us'
          : 'between parties that are not our entities',
    notInRecords: 'It is not in our records, so this is the general advice for its kind.',
    search: (day, total, id) =>
      `To find it on the e-tax platform (税务数字账户 → 全量发票查询): issue date ${day}${total ? `, total ${total}` : ', and the total on your records'} — or the number ${id}.`,
    remedy: (c, special) =>
      ({
        electronic:
          'Electronic invoices are not really lost: download it again from the tax platform (the buyer’s 税务数字账户 lists every invoice issued to the company), or ask the issuer to send the file again. A downloaded copy has the same legal effect as the original.',
        paper_received: special
          ? 'Paper invoice we received: ask the seller for a copy of its 记账联 (bookkeeping copy) stamped with the seller’s invoice seal (发票专用章); for a special invoice that copy serves as the deduction voucher. Tell finance before anything is reimbursed.'
          : 'Paper invoice we received: ask the seller for a copy of its 记账联 (bookkeeping copy) stamped with the seller’s invoice seal (发票专用章). Tell finance before anything is reimbursed; they decide whether the copy can be used.',
        paper_issued:
          'Paper invoice we issued, lost by the customer: our finance provides a copy of our 记账联 stamped with our invoice seal — do not issue a new invoice.',
        paper:
          'Paper invoice: if we received it, ask the seller for a copy of its 记账联 stamped with their invoice seal; if we issued it, our finance provides our stamped copy. Tell finance before anything is reimbursed.',
      })[c],
    reimbursed:
      'Already submitted it for reimbursement? Escalate with the reason “lost invoice” so finance can hold or correct the claim.',
    escalate: 'Escalate: lost invoice',
  },
  rangeReversed: (from, to) =>
    `The range “${from}..${to}” ends before it starts: put the earlier day first, e.g. “${to}..${from}”.`,
  find: {
    hintAmount: 'Only an amount: add the month or a company name to narrow it down, e.g. `find <amount> 2026-11`.',
    hintName: 'Only a name: add an amount or the month to narrow it down, e.g. `find 乙客户 2026-11`.',
    usage:
      'Tell me what you remember, e.g. `/invoice find 1130.00`, `/invoice find 2026-03-02`, `/invoice find 2026-03-01..2026-03-31 示例`.',
    none: 'No invoice matches all of that.',
    results: (count, shown, more) =>
      more
        ? `More than ${count} invoices match; the ${shown} most recent:`
        : count > shown
          ? `${count} invoices match; the ${shown} most recent:`
          : `${count} invoice(s) match:`,
    badAmount: (t) => `“${t}” is not an amount: use digits with at most two decimals, like 1130.00.`,
    badDate: (t) => `“${t}” is not a date: use YYYY-MM-DD, YYYYMMDD or YYYY年M月D日.`,
    badTaxId: (t) =>
      `“${t}” is not a valid 统一社会信用代码: its last character does not match the check. Copy it again from the invoice.`,
    columns: ['Invoice', 'Issued', 'Seller', 'Buyer', 'Total', 'Status'],
    taxIdFinanceOnly:
      'Finding invoices by taxpayer id is for finance leads and admins. Search by amount, date or company name instead.',
  },
  rowProblem: (code) =>
    ({
      bad_header: 'the header row does not have the expected columns',
      wrong_column_count: 'wrong number of columns',
      missing: 'required value is empty',
      bad_identifier: 'not a valid invoice id (code 10/12 digits, number 8 digits, 数电 number 20 digits)',
      bad_date: 'not a date/time (ISO 8601 or YYYY-MM-DD HH:mm:ss)',
      bad_amount: 'not an amount with at most two decimals',
      total_mismatch: 'amount + tax does not equal the total',
      bad_status: 'unknown status',
      bad_tax_id: 'not a valid taxpayer id (18-character USCC check failed, or wrong length)',
      bad_user_id: 'not a Slack user id (like U012ABC)',
      bad_flag: 'must be 是 or 否',
      bad_lock_flag: 'must be 已锁定 or 未锁定 (or empty)',
      deductible_exceeds_tax: '有效抵扣税额 (deductible tax) is larger than 票面税额 (the tax on the invoice)',
      duplicate_in_file: 'the same invoice appears twice in this file',
      future_date: 'the issue date is more than a day in the future',
      outside_coverage: 'the issue date is outside the --from/--to range declared for this file',
      sign_mismatch: 'the amount’s sign contradicts 是否正数发票 (negative amounts are red invoices, marked 否)',
    })[code],
  import: {
    done: (source, rows, added, changed, unchanged) =>
      `Imported ${rows} ${source} rows: ${added} new, ${changed} changed, ${unchanged} unchanged.`,
    refused: (count, rows) => `Nothing was imported: ${count} problem(s) in ${rows} rows.`,
    row: (row, column, reason, value) => `  row ${row}, ${column}: ${reason}${value ? ` (“${value}”)` : ''}`,
    more: (count) => `  … and ${count} more`,
    rangeReversed: (from, to) => `--from ${from} is after --to ${to}: nothing was imported. Swap them.`,
    exportRangeReversed: (since, until) =>
      `--since ${since} is after --until ${until}: nothing was exported. Swap them.`,
    empty: 'The file is empty.',
    unreadable: (reason, row) => {
      const at = row ? ` (row ${row})` : '';
      switch (reason) {
        case 'unclosed_quote':
          return `A quoted cell is never closed${at}: a " opens a cell that runs to the end of the file.`;
        case 'bad_quote':
          return `A quote is in the wrong place${at}: text follows a closing ".`;
        case 'not_xlsx':
          return 'It is not an Excel workbook (.xlsx): save it from Excel as "Excel Workbook", or export CSV.';
        case 'bad_encoding':
          return 'It is not a text file in UTF-8 or GBK/GB18030: save it from Excel as "CSV UTF-8" or plain CSV.';
        case 'line_too_long':
          return `A line is too long${at}: more than 16,384 characters.`;
        case 'cell_too_long':
          return `A cell is too long${at}: more than 2,000 characters.`;
        case 'too_many_rows':
          return `It has too many rows${at}: split it by month of issue.`;
        case 'too_large':
          return 'It is too large: split it by month of issue.';
        case 'xlsx_too_large':
          return 'The workbook unpacks to more than 512 MB: split it by month of issue.';
        case 'xlsx_shared_strings':
          return "The workbook's text table unpacks to more than 64 MB: split it by month of issue.";
        case 'xlsx_zip_bomb':
          return 'Part of the workbook unpacks to over 200 times its packed size, which no export does; I did not open it.';
      }
    },
    coverage: (from, to) => `Tax data now covers issue dates ${from} – ${to}.`,
    usage:
      'Usage: npm run import -- ledger|tax FILE [--from YYYY-MM-DD --to YYYY-MM-DD]   or   npm run import -- deduction FILE [--period YYYY-MM]   (FILE is .csv, or .xlsx)',
    unsupported: (file) => `${file}: only .csv and .xlsx files can be imported.`,
    downloadRefused: (file, reason) =>
      ({
        external: `${file}: this file is stored outside Slack, so I cannot import it. Upload the file itself to this DM.`,
        untrusted_host: `${file}: Slack did not offer this file from its own file host, so I did not download it.`,
        failed: `${file}: the download from Slack failed; nothing was imported. Please send the file again.`,
        too_large: `${file}: the file is larger than an export can be, so I stopped reading it; nothing was imported.`,
      })[reason],
    missingFile: (file) => `${file}: no such file.`,
  },
  console: {
    intro: (role, demo) =>
      `Invoice Desk console — you are ${role}.${demo ? ' Using demo data (a temporary copy; nothing is written to DATA_DIR).' : ''} Type :help for console commands, or ask e.g. "where is 26312000000000012345?".`,
    help: 'Console commands: :as employee|finance|admin (switch role), :clock [+2h|+1d|ISO time] (show or move the clock), :help, :quit. Anything else is a message to the bot; a number picks a choice.',
    roleSwitched: (role, userId) => `You are now ${role} (${userId}).`,
    unknownRole: 'Roles: employee, finance, admin.',
    clock: (now) => `Clock: ${now}`,
  },
  sync: {
    refused: 'Sorry, only finance leads and admins can run a sync.',
    usage: 'Usage: `/invoice sync [2026-11-01..2026-11-30] [type word, e.g. 专用]` — both limits are optional.',
    empty: (path) => `Nothing to sync: drop the e-tax export (CSV or XLSX) or the ledger CSV into ${path} first.`,
    rejected: (file, count, movedTo, problems) =>
      `⚠️ ${file} was not synced (${count} problem(s)). It was moved to ${movedTo}; the list is in ${problems}. Fix it and drop it into the inbox again.`,
    noneSynced: 'Nothing was synced: every file in the inbox had problems.',
    unchanged: 'Nothing was synced; the inbox is as it was.',
    problemsHeader: (file, at) => `Problems found in ${file} (sync at ${at}). Nothing from this file was imported.`,
    busy: (user, at) =>
      `A sync started by ${user} at ${at} is still running, and only one runs at a time. Try again when it has finished; files you sent stay in the inbox for the next sync.`,
    storeBusy:
      'The sync stopped: another session kept the invoice database busy (a backup or a long report, for example), and waiting for it would have held up everyone’s lookups. Nothing of the file it was importing was written; files synced before it stay synced and the rest stay in the inbox. Run the sync again in a few minutes.',
    done: (files, rows, backup) => `Synced ${files} file(s), ${rows} rows. A backup was taken first: ${backup}.`,
    file: (name, rows, added, changed) => `${name}: ${rows} rows, ${added} new, ${changed} changed`,
    visible: (count) => `Now visible in the tax data (${count}):`,
    changed: (count) => `Changed state (${count}):`,
    missing: (count) => `Still missing beyond their window (${count}):`,
    missingFor: (requester) => `for ${requester}`,
    disagreements: (count) => `Ledger and tax data disagree (${count}):`,
    watchers: (count) => `${count} person(s) waiting for these invoices were told.`,
    watchExpired: (invoice, days) =>
      `I stopped waiting for ${invoice}: it has not appeared in the tax data in ${days} days. Look it up or escalate it if it still matters.`,
    watchAppeared: (invoice, status) => `${invoice} now appears in the tax data with status “${status}”.`,
  },
  backup: {
    created: (path) => `Backup written to ${path}.`,
    verified: (path, report) => `${path} restores cleanly: ${report}.`,
    restored: (path, safety) => `Restored ${path}. The state before the restore was saved to ${safety}.`,
    sourceIsDataDir: (path) =>
      `Refused: ${path} is DATA_DIR itself or data inside it, not a backup. Nothing was changed. Restore a folder from DATA_DIR/backups/ or a copy outside DATA_DIR.`,
    createdPostgres: (path, dump) =>
      `Backup written to ${path}: DATA_DIR's files, and the bot's PostgreSQL schema dumped with pg_dump to ${dump}.`,
    createdWithoutDatabase: (path, reason) =>
      `DATA_DIR's files were backed up to ${path}, but NOT the database: ${reason}. Back the database up with pg_dump yourself (README, "Running several replicas").`,
    verifiedDump: (path, dump, tables) =>
      dump
        ? `${dump} is a readable database dump (${tables} tables).`
        : `${path} holds no database dump (pg_dump was not available when it was taken).`,
    restorePostgres: (dumpName) =>
      `Refused: with DATABASE_URL set, npm run restore does not replace the database under running replicas. Nothing was changed. To restore: stop every replica, run pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" <backup folder>/${dumpName}, then start the replicas.`,
    failed: (reason) => `That backup cannot be used, and the data was left as it was: ${reason}`,
    dailyFailed: (reason) =>
      `⚠️ Today's backup of DATA_DIR failed (${reason}). I will try again every minute; free disk space if it is full.`,
    usage:
      'Usage: npm run backup  |  npm run backup -- --verify <backup folder>  |  npm run restore -- <backup folder>',
  },
  reports: {
    statsUsage:
      'Usage: npm run stats -- --since 2026-11-01 [--until 2026-11-30] --format csv|json [--table weeks|questions]',
    auditUsage:
      'Usage: npm run audit -- --since 2026-11-01 [--until 2026-11-30] [--user U012ABC] [--invoice 26112000000000100001]',
    notAnAuditEntry: (file, line) => `# ${file}:${line} is not an audit entry`,
  },
  migrate: {
    applied: (names, schema, target, version) =>
      `Applied ${names.join(', ')} to schema ${schema} at ${target}: it is now at version ${version}.`,
    upToDate: (schema, target, version) =>
      `Schema ${schema} at ${target} is up to date (version ${version}); nothing to do.`,
    noDatabase:
      'DATABASE_URL is not set: the bot keeps its data in lowdb files under DATA_DIR, which need no migrations. Set DATABASE_URL=postgres://… to prepare a PostgreSQL database.',
    failed: (target, reason) => `Migrating ${target} failed, and nothing of the failing step was kept: ${reason}`,
  },
  escalations: {
    title: (id, invoice) => `${id} · invoice ${invoice}`,
    status: (s) =>
      ({
        open: 'Open',
        claimed: 'Claimed',
        waiting: 'Waiting on requester',
        resolved: 'Resolved',
        duplicate: 'Duplicate',
      })[s],
    urgency: (urgent) => (urgent ? '⚡ Urgent' : 'Normal'),
    requester: 'Requester',
    followers: 'Also waiting',
    assignee: 'Assignee',
    due: (first, resolution) =>
      `SLA: first response by ${first}, resolution by ${resolution} (business hours, China's working calendar)`,
    checks: 'Checked before escalating:',
    note: 'Note',
    cause: (c) =>
      ({
        maintenance: 'Update / maintenance window',
        sync: 'Sync delay',
        entry: 'Entry error',
        issue: 'Issue / upload state',
        status: 'Voided / red-reversed / flagged',
        buyer: 'Wrong buyer or entity',
        lost: 'Lost invoice',
        tax_authority: 'Referred to the tax authority',
        other: 'Other',
      })[c],
    reason: (r) => ({ lost: '📄 Reason: lost invoice' })[r],
    taxAuthorityAdvice:
      'Finance has referred this to the tax authority. Call the 12366 tax service hotline (纳税服务热线), or contact the local tax bureau’s technical support (主管税务机关), with the invoice number and this reference.',
    resolution: (cause, note) => `Resolved — cause: ${cause}. ${note}`,
    duplicateOf: (id) => `Duplicate of ${id}`,
    event: (e) =>
      ({
        filed: `@{${e.by}} filed this.`,
        followed: `@{${e.by}} asked about the same invoice and now follows this escalation.${e.text ? ` Note: ${e.text}` : ''}`,
        noted: `@{${e.by}} asked again: ${e.text ?? ''}`,
        urgency_raised: `@{${e.by}} marked this urgent: the SLA is recomputed, resolution now due by ${e.text ?? ''}.`,
        deadline_urgent: `The filing deadline is close, so this is urgent now: the SLA is recomputed, resolution now due by ${e.text ?? ''}.`,
        merged: `@{${e.by}} marked ${e.text ?? ''} a duplicate of this one: its requester and followers now follow this escalation.`,
        claim: `@{${e.by}} claimed this.`,
        assign: `@{${e.by}} assigned this to @{${e.text ?? ''}}.`,
        waiting: `@{${e.by}} is waiting on the requester: “${e.text ?? ''}”`,
        resolve: `@{${e.by}} resolved this: ${e.text ?? ''}`,
        reopen: `@{${e.by}} reopened this.`,
        duplicate: `@{${e.by}} marked this a duplicate of ${e.text ?? ''}.`,
        reminder: 'Reminder.',
        breach: 'SLA breached.',
        relayed: `@{${e.by}}: ${e.text ?? ''}`,
      })[e.action],
    toPerson: ({ id, resolution, duplicateOf }, e) =>
      ({
        filed: `Your escalation ${id} was filed.`,
        followed: `You now follow ${id}.`,
        noted: `Your note was added to ${id}.`,
        urgency_raised: `${id} is now urgent.`,
        deadline_urgent: `${id} is now urgent: its filing deadline is close.`,
        merged: `${e.text ?? ''} is handled in ${id} now; you follow ${id}.`,
        claim: `Finance has picked up ${id} and is looking into it.`,
        assign: `${id} was assigned to @{${e.text ?? ''}}, who will handle it.`,
        waiting: `Finance needs something from you for ${id}:\n“${e.text ?? ''}”\nPlease reply in this chat; I will pass your answer on.`,
        resolve: `${id} is resolved.\nCause: ${en.escalations.cause(resolution?.cause ?? 'other')}\n${e.text ?? ''}`,
        reopen: `${id} was reopened.`,
        duplicate: `${id} is the same case as ${duplicateOf ?? ''}, so it is handled there; you now follow ${duplicateOf ?? ''}.`,
        reminder: `${id}: reminder.`,
        breach: `${id}: SLA breached.`,
        relayed: `${id} — @{${e.by}}, ${e.as === 'admin' ? 'admin' : 'finance'}: ${e.text ?? ''}`,
      })[e.action],
    toFollower: (esc, e) =>
      e.action === 'waiting'
        ? `Finance is waiting on the requester of ${esc.id}; I will tell you when it moves on.`
        : e.action === 'resolve'
          ? `${esc.id} is resolved.\nCause: ${en.escalations.cause(esc.resolution?.cause ?? 'other')}`
          : en.escalations.toPerson(esc, e),
    toAssignee: (id, invoice, by, link) =>
      `@{${by}} assigned ${id} (invoice ${invoice}) to you.${link ? ` Open the post to act on it: ${link}` : ''}`,
    reminder: (id, r, due) =>
      r.kind === 'near'
        ? `⏰ ${id}: the ${r.target === 'first' ? 'first response' : 'resolution'} is due at ${due}.`
        : `🚨 ${id}: the ${r.target === 'first' ? 'first response' : 'resolution'} target (${due}) has passed. Please act on it.`,
    filed: (id, due) =>
      `I have escalated this to finance as ${id}. A finance lead should respond by ${due}; I will message you when anything changes.`,
    progress: (status, assignee) =>
      status === 'open'
        ? 'open, not claimed yet'
        : status === 'claimed'
          ? `claimed by @{${assignee ?? ''}}`
          : status === 'waiting'
            ? 'finance is waiting on the requester'
            : en.escalations.status(status).toLowerCase(),
    followed: (id, progress) =>
      `This invoice is already escalated as ${id} (${progress}). I have added you as a follower, so you will hear when it changes.`,
    repeated: (id, progress, noted, raisedDue) =>
      `You already escalated this invoice as ${id} (${progress}).${noted ? ' I have added your note to it.' : ''}${raisedDue ? ` It is urgent now: resolution due by ${raisedDue}.` : ''}`,
    urgentHow:
      'Add the reason after “urgent”, e.g. `/invoice escalate 26112000000000100010 urgent needed for the filing deadline`.',
    waitingUsage:
      'Say what you need from the requester: `/invoice escalation waiting ESC-… <question>` — they get your question word for word.',
    resolveNext: (id, n, label) =>
      `Cause: ${label}. Now tell the requester what was done: \`/invoice escalation resolve ${id} ${n} <note>\`.`,
    assigneeNotAllowed: (user) =>
      `@{${user}} cannot be assigned: only finance leads and admins can act on escalations.`,
    duplicateSelf: 'An escalation cannot duplicate itself.',
    alreadyOpen: (id, open) =>
      `${id} cannot be reopened: ${open} is open for the same invoice, and the case continues there. To go back to ${id}, mark ${open} a duplicate of it first.`,
    differentInvoice: (id, of, invoice, other) =>
      `${of} is about invoice ${other}, not ${invoice}. If ${id} is the same case anyway, confirm with a reason: \`/invoice escalation duplicate ${id} ${of} <reason>\`.`,
    legend: '🟢 on track · 🟠 due within the hour · 🔴 overdue · ⚡ urgent',
    pastTarget: (first, due) => `${first ? 'first response' : 'resolution'} was due ${due}`,
    chooseUrgency: 'How urgent is it? Urgent means it is needed before a filing deadline.',
    normal: 'Normal',
    urgent: 'Urgent',
    claim: 'Claim',
    waiting: 'Waiting on requester',
    resolve: 'Resolve',
    reopen: 'Reopen',
    assign: 'Assign to…',
    duplicate: 'Duplicate of…',
    actionForm: {
      title: 'Escalation',
      submit: 'Save',
      cause: 'Cause',
      note: 'Resolution note (sent to the requester)',
      assignee: 'Assign to',
      original: 'Duplicate of (ESC-…)',
      noteRequired: 'Tell the requester what was done.',
      badOriginal: 'Enter the reference of another open or resolved escalation, like ESC-20261127-001.',
      question: 'What do you need from the requester? (sent to them word for word)',
      questionRequired: 'Say what you need from the requester.',
      reason: 'Reason (needed when the original is about another invoice)',
      reasonHint: 'That escalation is about another invoice: give a reason to mark it a duplicate anyway.',
    },
    view: 'Open',
    details: 'Details',
    listMine: 'Your escalations:',
    listQueue: 'Open escalations, oldest first:',
    listAll: 'All escalations, oldest first:',
    listStatus: (status) => `Escalations with status ${status}, oldest first:`,
    none: 'No escalations to show.',
    refused: 'Sorry, only finance leads and admins can act on escalations.',
    notFound: (id) => `There is no escalation ${id}.`,
    invalid: (from, action) => `That cannot be done now: the escalation is ${from} (tried: ${action}).`,
    done: (id, status) => `${id} is now ${status}.`,
    usage:
      'Usage: `/invoice escalate <invoice id> [urgent] [note]` (urgent needs the reason), `/invoice escalations [all]`, and for finance `/invoice escalation claim|reopen ESC-…`, `waiting ESC-… <question>`, `resolve ESC-… <cause> <note>`, `assign ESC-… <@user>`, `duplicate ESC-… ESC-… [reason]`.',
    form: {
      title: 'Escalate to finance',
      submit: 'Escalate',
      cancel: 'Cancel',
      invoice: 'Invoice id',
      urgency: 'Urgency',
      note: 'Note for finance',
      notePlaceholder: 'What do you need, and by when?',
      badInvoice: 'Enter a 20-digit 数电 number, or the code and number of a legacy invoice.',
      urgentNeedsNote: 'For an urgent escalation, say why (for example the filing deadline).',
    },
    relayedToFinance: (id) => `Passed on to finance in ${id}.`,
    relayRefused:
      'Only finance leads and admins can answer the requester from this thread, so your reply was not passed on. Talk to finance if the requester should hear it.',
    weekly: (missing, overdue, windows) =>
      `🗓 Weekly check: ${missing} invoice(s) still missing beyond their window, ${overdue} escalation(s) past an SLA target (first response or resolution), ${windows} maintenance window(s) in the coming week.`,
    weeklyMissing: 'Still missing:',
    weeklyOverdue: 'Past an SLA target:',
    weeklyWindows: 'Maintenance ahead:',
    digest: (count, overdue, dueSoon) =>
      `📋 Daily digest: ${count} open escalation(s), oldest first — ${overdue} overdue, ${dueSoon} due within the hour (first response or resolution).`,
    calendarMissing: (year) =>
      `⚠️ China's holiday data for ${year} is missing, so SLA clocks treat every Monday–Friday as a workday. Add the State Council schedule to DATA_DIR/workdays.json (holidays, workdays, years) or upgrade chinese-days.`,
    resolveUsage: (causes) =>
      `Usage: \`/invoice escalation resolve ESC-… <cause> <note for the requester>\`, the cause by its number: ${causes}.`,
  },
  notices: {
    system: (s) =>
      ({
        etax: 'e-tax bureau (电子税务局)',
        einvoice: 'e-invoice platform (电子发票服务平台)',
        erp: 'company ERP',
        other: 'other system',
      })[s],
    fn: (f) =>
      ({
        issuing: 'issuing (开票)',
        red_letter: 'red-letter (红字)',
        verification: 'verification (查验)',
        deduction: 'deduction selection (勾选)',
        delivery: 'delivery (交付)',
        sync: 'sync / import',
      })[f] ?? f,
    status: (s) =>
      ({ scheduled: 'Scheduled', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' })[s],
    heading: (system, status) => `🛠 Maintenance: ${system} — ${status}`,
    window: (from, to) => `When: ${from} – ${to}`,
    affects: (functions) => `Affects: ${functions}`,
    event: (e, time) =>
      ({
        scheduled: `Scheduled at ${time}.`,
        reminder: `Reminder: this starts in ${e.minutesBefore && e.minutesBefore >= 60 ? `${Math.round(e.minutesBefore / 60)} hour(s)` : `${e.minutesBefore} minutes`}.`,
        started: 'This maintenance is now in progress. Invoices issued meanwhile may show up late.',
        completed: 'This maintenance is over. Invoices may still take a little while to appear.',
        updated: `Update: ${e.text ?? ''}`,
        extended: `Extended until ${time}.`,
        ended_early: `Ended early at ${time}.`,
        cancelled: 'This maintenance has been cancelled.',
      })[e.kind],
    problem: (p) =>
      ({
        end_before_start: 'The end must be after the start (and, for a window already under way, in the future).',
        start_in_past: 'The start is in the past. Tick “already started” if the window is under way.',
        started_in_future: '“Already started” is ticked, but the start is in the future.',
        too_long: 'A window can last at most 7 days — check the end date.',
        no_channel: 'Pick at least one channel.',
        empty_message: 'Write the message in English, Chinese or both.',
        no_function: 'Pick at least one affected function.',
        no_invoice_kind: 'Pick at least one affected invoice kind.',
        bad_link: 'The link must be a web address starting with http:// or https://.',
        policy_has_no_end: 'A policy change has no end: update its text or cancel it instead.',
      })[p.code],
    kind: (k) => ({ maintenance: 'Maintenance window', policy: 'Tax policy change' })[k],
    invoiceKinds: (kinds) =>
      `${kinds.map((k) => ({ digital: '数电', legacy: 'legacy (税控)', special: 'special', ordinary: 'ordinary', red: 'red' })[k]).join(' ')} invoices`,
    policyHeading: (status, effective) =>
      status === 'cancelled'
        ? '📜 Tax policy change — withdrawn'
        : status === 'scheduled'
          ? `📜 Tax policy change — takes effect ${effective}`
          : `📜 Tax policy change — in effect since ${effective}`,
    policyAffects: (kinds, functions) => `Affects: ${kinds}${functions ? ` · ${functions}` : ''}`,
    link: (url) => `More: ${url}`,
    policyInEffect: 'This policy change is now in effect.',
    policyListTitle: 'Tax policy changes, recent and upcoming:',
    policyContext: (effective, kinds, explanation) =>
      `📜 A policy change effective ${effective} affects ${kinds}: ${explanation}`,
    weeklyPolicies: 'Policy changes taking effect:',
    badKind: (t) => `“${t}” is not an invoice kind: use digital, legacy, special, ordinary or red.`,
    none: 'No maintenance is scheduled or in progress.',
    listTitle: 'Maintenance windows, active and upcoming:',
    usage:
      'Admins: `/invoice notice` opens the form. Text form: `notice schedule 2026-11-28T22:00..2026-11-29T06:00 issuing,delivery [system=einvoice] Message`, `notice update|extend|end|cancel NTC-… [text|new end]`; a tax policy change: `notice policy 2026-12-01T00:00 digital,red [functions=red_letter] [link=https://…] Explanation`.',
    preview: 'Preview — nothing has been sent yet:',
    send: 'Send',
    discard: 'Discard',
    discarded: 'Discarded; nothing was sent.',
    report: (id, okCount, failed) =>
      `${id} is scheduled. Posted to ${okCount} channel(s)${failed > 0 ? `; ${failed} failed` : ''}:`,
    channelOk: (c) => `✅ ${c}`,
    channelFailed: (c, error) => `❌ ${c}: ${error}`,
    changed: (id, status) =>
      `${id} is now ${status}; every announcement was edited and the change posted in its thread.`,
    notFound: (id) => `There is no notice ${id}.`,
    finished: (id, status) => `${id} is already ${status} and can no longer be changed.`,
    badTime: (t) => `“${t}” is not a time: use 2026-11-28T22:00 (in the bot's time zone).`,
    badFunction: (t) => `“${t}” is not a function: use issuing, red_letter, verification, deduction, delivery or sync.`,
    refused: 'Sorry, only admins can broadcast or change maintenance notices.',
    draftGone: 'That preview is no longer available; please fill in the notice again.',
    form: {
      title: 'Maintenance notice',
      previewTitle: 'Check and send',
      preview: 'Preview',
      send: 'Send',
      cancel: 'Cancel',
      system: 'System',
      functions: 'Affected functions',
      starts: 'Starts',
      ends: 'Ends',
      started: 'Already started?',
      startedOption: 'The window is already under way',
      messageEn: 'Message in English',
      messageZh: 'Message in Chinese (中文)',
      channels: 'Channels',
      reminders: 'Reminders before the start',
      reminder: (m) => (m >= 60 ? `${m / 60} hour(s) before` : `${m} minutes before`),
      kind: 'Kind of notice',
      effective: 'Takes effect',
      invoiceKinds: 'Affected invoice kinds',
      link: 'Link (optional)',
      policyTitle: 'Policy change notice',
    },
  },
  checklist: {
    intro: (id) => `Let's troubleshoot ${id} step by step. Steps the records already answer are marked done.`,
    resumed: (id) => `Picking up where we left off with ${id}.`,
    stepHeader: (n, total, title) => `Step ${n}/${total} · ${title}`,
    checked: (what) => `I checked ${what}.`,
    ruledOut: '✅ Ruled out',
    likely: '⚠️ Likely cause',
    ask: '❓ I need your input',
    ruledOutReason: (step) =>
      ({
        maintenance:
          'no update or maintenance window that affects it covers the time it was issued (or shortly before)',
        sync: 'sync timing does not explain it',
        entry: 'the id matches our records, and ledger and tax data agree',
        issue: 'our ERP shows it issued',
        status: 'it is not voided, red-reversed, 失控 or 异常',
        buyer: 'the buyer is the one in our records',
      })[step],
    askDay:
      'Which issue date do you search the tax system with? Reply with a date like 2026-03-02, 20260302 or 2026年3月2日.',
    askTotal: 'And which total (价税合计) do you search with? Reply with an amount like 1130.00.',
    badDay: (t) =>
      `“${t}” is not a date I can read. Please reply with a date like 2026-03-02, 20260302 or 2026年3月2日.`,
    badTotal: (t) =>
      `“${t}” is not an amount I can read. Please reply with digits and at most two decimals, like 1130.00.`,
    dayDiffers: (said, actual) =>
      actual
        ? `You search with the issue date ${said}, but it was issued on ${actual}. Search with ${actual}.`
        : `The issue date you search with (${said}) does not match the record. Check the date printed on the invoice.`,
    totalDiffers: (said, actual) =>
      actual
        ? `You search with the total ${said}, but its total is ${actual}. Search with ${actual}.`
        : `The total you search with (${said}) does not match the record. Check the total (价税合计) printed on the invoice.`,
    amountDiffers: (said, actual) =>
      actual
        ? `The QR code says the amount before tax is ${said}, but the record says ${actual}. Search with ${actual}.`
        : `The amount before tax on the QR code (${said}) does not match the record.`,
    dayMatches: (said) => `The issue date you search with (${said}) matches the record.`,
    totalMatches: (said) => `The total you search with (${said}) matches the record.`,
    amountMatches: (said) => `The amount before tax on the QR code (${said}) matches the record.`,
    searchMatches: 'Your search matches the record, so it is not an entry error.',
    qr: {
      dayDiffers: (said, actual) =>
        actual
          ? `The QR code says it was issued on ${said}, but the record says ${actual}. Search with ${actual}.`
          : `The issue date in the QR code (${said}) does not match the record. Check the date printed on the invoice.`,
      totalDiffers: (said, actual) =>
        actual
          ? `The QR code says the total is ${said}, but the record says ${actual}. Search with ${actual}.`
          : `The total in the QR code (${said}) does not match the record. Check the total (价税合计) printed on the invoice.`,
      dayMatches: (said) => `The issue date in the QR code (${said}) matches the record.`,
      totalMatches: (said) => `The total in the QR code (${said}) matches the record.`,
      searchMatches: 'The QR code matches the record, so it is not an entry error.',
    },
    allClear:
      'All checks are done and none of them explains it. If you still cannot see it, escalate and finance will look into it.',
    allClearFinance: (next) => `All checks are done and none of them explains it. ${next}`,
    foundEarlier: (step, title, cause) =>
      `Step ${step} (${title}) found the likely cause: ${cause} The other checks found nothing more.`,
    idMatches: 'the id matches our records',
    issuedPerTax: 'the tax system has it, so it was issued',
    change: 'Change my answer',
    solved: 'That solved it',
    next: 'Next step',
    escalate: 'Escalate',
    watch: 'Tell me when it appears',
    skip: 'Skip this step',
    restart: 'Start again',
    solvedReply: 'Glad it is sorted. I have noted which step solved it.',
    watchReply: (id) => `Noted: you asked to be told when ${id} appears in the tax data.`,
    watchExists: (id) => `You are already waiting for ${id} to appear.`,
    alreadyDone: 'That step is already done — see the newer message below it.',
    ended: (status) => `This walk-through is already closed (${status}).`,
    expired: (hours) => `This walk-through expired after ${hours} hours without activity.`,
    missing: 'I cannot find that walk-through any more.',
    whichInvoice:
      'Which invoice should we troubleshoot? Send its id — the 20-digit 数电 number, or the code and number, e.g. `/invoice check 26112000000000100010`.',
    lost: 'I have lost it',
  },
  stats: statsEn,
};
