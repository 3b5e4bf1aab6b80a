import type { StepId } from '../domain/checklist.js';
import type { Diagnosis } from '../domain/diagnose.js';
import type { IdProblem } from '../domain/id-problems.js';
import type { InvoiceId } from '../domain/identifier.js';
import type { NearHow } from '../domain/near-match.js';
import type { RowProblemCode } from '../services/row-problem.js';

/** How values are shown inside messages; built per reply so times use the bot's zone. */
export type Formatters = { time(iso: string): string; id(id: InvoiceId): string };

/** A diagnosis in words: one headline, the evidence for it, and what to do next. */
export type DiagnosisText = { headline: string; evidence: string[]; next: string };

/** Every user-facing string, once per language. `en.ts` and `zh.ts` implement it; a missing key fails type-checking. */
export type Catalog = {
  help: string;
  unknownCommand(word: string): string;
  noIdInMessage: string;
  whereUsage: string;
  apology: string;
  languageSet: string;
  languageUsage: string;
  comingSoon(feature: string): string;
  invalidIdIntro(raw: string): string;
  idProblem(problem: IdProblem): string;
  validShapes: string;
  nearMatchHow(how: NearHow): string;
  diagnosis(d: Diagnosis, f: Formatters): DiagnosisText;
  card: {
    title(id: string): string;
    type: string;
    issued: string;
    amount: string;
    seller: string;
    buyer: string;
    erpStatus: string;
    taxStatus: string;
    requester: string;
    notInLedger: string;
    notInTax: string;
    timeline: string;
    stepIssued: string;
    stepUploaded: string;
    stepVisible: string;
    masked: string;
    troubleshoot: string;
    escalate: string;
    lastSync(at: string, from: string, to: string): string;
    noSync: string;
    maintenanceBanner(title: string, until: string): string;
    reversedBy(ids: string): string;
  };
  erpStatus(status: string): string;
  taxStatus(label: string): string;
  find: {
    usage: string;
    none: string;
    results(count: number, shown: number): string;
    badAmount(text: string): string;
    badDate(text: string): string;
  };
  rowProblem(code: RowProblemCode): string;
  import: {
    done(source: string, rows: number, added: number, changed: number, unchanged: number): string;
    refused(count: number, rows: number): string;
    row(row: number, column: string, reason: string, value: string): string;
    more(count: number): string;
    empty: string;
    coverage(from: string, to: string): string;
    usage: string;
    unsupported(file: string): string;
    missingFile(file: string): string;
  };
  console: {
    intro(role: string, demo: boolean): string;
    help: string;
    roleSwitched(role: string, userId: string): string;
    unknownRole: string;
    clock(now: string): string;
    choose: string;
  };
  refused: string;
  checklist: {
    intro(id: string): string;
    resumed(id: string): string;
    stepHeader(n: number, total: number, title: string): string;
    checked(what: string): string;
    ruledOut: string;
    likely: string;
    ask: string;
    ruledOutReason(step: StepId): string;
    askDay: string;
    askTotal: string;
    badDay(text: string): string;
    badTotal(text: string): string;
    dayDiffers(said: string, actual: string): string;
    totalDiffers(said: string, actual: string): string;
    searchMatches: string;
    allClear: string;
    solved: string;
    next: string;
    escalate: string;
    watch: string;
    skip: string;
    restart: string;
    solvedReply: string;
    escalatedReply(ref: string): string;
    watchReply(id: string): string;
    watchExists(id: string): string;
    alreadyDone: string;
    ended(status: string): string;
    expired(hours: number): string;
    missing: string;
    whichInvoice: string;
  };
};
