import type { Diagnosis } from '../domain/diagnose.js';
import type { Medium } from '../domain/invoice-medium.js';
import type { AdviceContext, Formatters } from './catalog.js';

// How an issuer takes back a wrong invoice (domain-fapiao §10.3): only a paper invoice can be voided, and only in its
// month of issue with every copy returned; an electronic one (legacy 电子发票 or 数电) only by a red invoice.
const OUR_UNDO: Record<Medium | 'unknown', string> = {
  electronic: 'red-reverse it (红字发票信息确认单; an electronic invoice cannot be voided)',
  paper:
    'void it (作废) if it is still its month of issue and every copy is back from the buyer, otherwise red-reverse it (红字发票信息确认单)',
  unknown: 'red-reverse it (红字发票信息确认单; only a paper invoice may instead be voided, in its month of issue)',
};
const SELLER_UNDO: Record<Medium | 'unknown', string> = {
  electronic: 'ask the seller to issue a red invoice (an electronic invoice cannot be voided)',
  paper: 'ask the seller to void it (only in its month of issue, with every copy returned) or to issue a red invoice',
  unknown: 'ask the seller to issue a red invoice',
};

/**
 * The next step for the reader of a diagnosis, when who reads it or which way the invoice goes calls for another one
 * than the plain description's (domain-fapiao §10): the seller fixes an invoice we received, our finance team one we
 * issued, and a finance lead is told what finance does next — never to escalate to finance. Undefined keeps the
 * description's own next step (an employee's, or one that holds for every reader).
 * @example adviceEn({ cause: 'abnormal', statusLabel: '异常' }, { finance: true, direction: 'received' }, f) // 'Finance (异常凭证 …'
 */
export function adviceEn(d: Diagnosis, a: AdviceContext, f: Formatters): string | undefined {
  return a.finance ? forFinance(d, a, f) : forEmployee(d, a, f);
}

function forFinance(d: Diagnosis, a: AdviceContext, f: Formatters): string | undefined {
  const issued = a.direction === 'issued';
  const received = a.direction === 'received';
  const ourUndo = OUR_UNDO[a.medium ?? 'unknown'];
  const sellerUndo = SELLER_UNDO[a.medium ?? 'unknown'];
  const electronic = a.medium === 'electronic';
  // What finance does when the platform does not have it once it should: the issuing record is ours, or the seller's.
  const ifAbsent = issued
    ? 'check the issuing record and issue it again'
    : received
      ? 'ask the seller whether it was issued to our tax id'
      : 'check the issuing record if we issued it, or ask the seller whether it was issued to our tax id if we received it';
  const lookInPlatform = `look for it in the platform’s 全量发票查询${received ? ' and 勾选 list' : ''}; if it is there, export 发票基础信息 and run \`/invoice sync\`; if not, ${ifAbsent}`;
  switch (d.cause) {
    // The reader is told how to retype the id or which near match they meant: the same for everyone.
    case 'invalid_id':
      return undefined;
    case 'not_found':
      return d.nearMatches.length > 0
        ? undefined
        : 'Finance: look for it in the platform’s 全量发票查询 (and the ERP); if it is there, export and run `/invoice sync`; if not, tell the requester to check the id with whoever issued it.';
    case 'not_issued':
      return 'Finance: approve and issue it in the ERP; the tax system cannot have it before that.';
    case 'issue_failed':
      return 'Finance: read the error in the ERP, correct the data and issue it again.';
    case 'upload_failed':
      return a.digital
        ? 'Finance: resend it from the ERP to the 电子发票服务平台 (the 乐企 or platform connection), then check it in 全量发票查询.'
        : 'Finance: retry the upload from the tax-control device (税控盘/UKey), then check it in 全量发票查询.';
    case 'voided':
      if (electronic)
        return `Finance: an electronic invoice cannot be voided, so this status needs checking: look up its real status in 全量发票查询 (it may have been red-reversed) and correct our records${issued ? '; if a replacement is needed, issue it in the ERP' : received ? '; if a replacement is needed, ask the seller for one' : ''}.`;
      return issued
        ? 'Finance: a voided invoice cannot be restored; if it was voided by mistake, issue a new invoice in the ERP.'
        : received
          ? 'Finance: a voided invoice cannot be deducted; ask the seller for a new one if one is still needed.'
          : 'Finance: see in 全量发票查询 whether we issued or received it: if we issued it and it was voided by mistake, issue a new one in the ERP; if we received it, ask the seller for a new one.';
    case 'red_reversed':
      return issued
        ? 'Finance: check the red invoice; if a replacement is needed, issue it in the ERP.'
        : received
          ? 'Finance: check the red invoice; if the original was deducted, transfer the reversed input VAT out (进项税额转出); ask the seller for a replacement if one is needed.'
          : 'Finance: check the red invoice in 全量发票查询: if we issued the original, issue any replacement in the ERP; if we received it, ask the seller for one.';
    case 'partially_red_reversed':
      return issued
        ? 'Finance: only the remaining amount stays in our output VAT; if more must be reversed, file another 红字发票信息确认单 for it.'
        : received
          ? 'Finance: deduct only the remaining amount (transfer the reversed input VAT out if the whole was deducted); if the reversal is wrong, take it up with the seller.'
          : 'Finance: only the remaining amount counts; check the red invoice in 全量发票查询 against what was agreed.';
    case 'red_invoice':
      if (!d.reverses)
        return 'Finance: find the invoice it reverses from its 备注 (remarks) or its 红字发票信息确认单 in 全量发票查询.';
      return issued
        ? `Finance: it lowers our output VAT in the period it was issued; check that ${f.id(d.reverses)} shows the reversal.`
        : received
          ? `Finance: if ${f.id(d.reverses)} was already deducted, transfer the reversed input VAT out (进项税额转出) in this red invoice’s period.`
          : `Finance: look up ${f.id(d.reverses)} to see what remains of it, and count the red invoice in its own period.`;
    case 'out_of_control':
      return issued
        ? 'Finance: our own invoice is flagged 失控 — contact our competent tax office (主管税务机关) now to find out why (for example a lost tax-control device or an unfiled return) and clear it, and tell the buyer, who cannot deduct it until then.'
        : received
          ? 'Finance (失控 procedure): do not deduct it — if it was deducted, transfer the input VAT out (进项税额转出); ask the seller to clear it with its tax office and have the competent tax office verify it (国税函〔2008〕607号).'
          : 'Finance (失控 procedure): if we received it, do not deduct it (transfer out any input VAT already deducted) and ask the seller to clear it with its tax office (国税函〔2008〕607号); if we issued it, contact our competent tax office (主管税务机关) to clear it.';
    case 'abnormal':
      return issued
        ? 'Finance (异常凭证, SAT announcement 2019 No. 38): our own invoice is listed as abnormal — ask our competent tax office (主管税务机关) why (for example an unfiled return or a comparison mismatch), correct it, and tell the buyer.'
        : received
          ? 'Finance (异常凭证, SAT announcement 2019 No. 38): do not deduct it, or transfer the input VAT out if it was deducted; with an A tax-credit rating you may apply to the competent tax office for verification within 10 working days of the notice. Ask the seller to settle it with its tax office.'
          : 'Finance (异常凭证, SAT announcement 2019 No. 38): if we received it, do not deduct it, or transfer the input VAT out if it was deducted; if we issued it, ask our competent tax office (主管税务机关) why it is listed and correct it.';
    case 'maintenance':
      return `Finance: nothing to do before ${f.time(d.expectedBy)} — the platform was under maintenance. After that, ${lookInPlatform}.`;
    case 'sync_window':
      return `Finance: nothing to do yet — it should reach the platform by ${f.time(d.expectedBy)}. Export 发票基础信息 after that and run \`/invoice sync\` to re-import it.`;
    case 'not_synced_yet':
      return 'Finance: export 发票基础信息 covering its issue date from the e-tax bureau and run `/invoice sync`.';
    case 'overdue':
      return `Finance: ${lookInPlatform}.`;
    case 'wrong_buyer':
      return issued
        ? `Finance: ${ourUndo}, then issue it again to the right buyer.`
        : received
          ? `Finance: ${sellerUndo}, then a new one to the right buyer.`
          : `Finance: whoever issued it takes it back and issues it again to the right buyer — if we issued it, ${ourUndo}; if we received it, ${sellerUndo}.`;
    case 'mismatch':
      return issued
        ? `Finance: if only our ledger is wrong, correct the ledger; if the invoice is wrong, ${ourUndo}, then issue a corrected one.`
        : received
          ? `Finance: if only our ledger is wrong, correct the ledger; if the invoice is wrong, ${sellerUndo}, then a corrected one.`
          : `Finance: if only our ledger is wrong, correct the ledger; if the invoice is wrong and we issued it, ${ourUndo} and issue a corrected one; if we received it, ${sellerUndo}, then a corrected one.`;
    case 'tax_only':
      return issued
        ? `Finance: it was issued under our tax id but is not in the ERP: find who issued it in the platform’s issuing records and record it in the ERP; if it was issued by mistake, ${ourUndo}.`
        : received
          ? `Finance: record it in the ERP ledger; if we did not buy anything, ${SELLER_UNDO[a.medium ?? 'unknown']}.`
          : 'Finance: see in 全量发票查询 whether it is ours; if it is, record it in the ERP ledger.';
    case 'too_old':
      return 'Finance: retrieve the archived copy (accounting archives) for the requester.';
    case 'other_region': {
      const place = `it is in the tax account of our entity registered in ${d.regionName ?? d.region}, under that region’s tax bureau: that entity confirms it for deduction there (the Beijing entity cannot deduct it)`;
      return issued
        ? `Finance: ${place}. If it should have gone to the Beijing entity, ${ourUndo}, then issue it again to the Beijing tax id.`
        : `Finance: ${place}. If the Beijing entity should have received it, ${sellerUndo}, then a new one to the Beijing tax id.`;
    }
    case 'visible':
      return 'Finance: nothing to fix — it is in the platform. If the requester still cannot find it, search 全量发票查询 with its issue date, under the right entity and without a status filter.';
  }
}

function forEmployee(d: Diagnosis, a: AdviceContext, f: Formatters): string | undefined {
  const issued = a.direction === 'issued';
  const received = a.direction === 'received';
  const electronic = a.medium === 'electronic';
  const paper = a.medium === 'paper';
  switch (d.cause) {
    case 'voided':
      if (electronic)
        return received
          ? 'An electronic invoice cannot be voided, so this status needs checking: ask the seller whether it was red-reversed, and for a new invoice if you still need one.'
          : 'An electronic invoice cannot be voided, so this status needs checking — escalate so finance looks at it.';
      return received
        ? 'A voided invoice is not valid. If you still need one, ask the seller to issue a new invoice.'
        : issued
          ? 'If it was voided by mistake, our finance team issues a new one — ask finance.'
          : undefined;
    case 'red_reversed':
      return received
        ? 'Look up the red invoice. If you still need an invoice, ask the seller to issue a new one.'
        : issued
          ? 'Look up the red invoice. If a replacement is needed, our finance team issues it — ask finance.'
          : undefined;
    case 'partially_red_reversed':
      return received
        ? 'Only the remaining amount can be deducted; look up the red invoice for the reversed part. If the reversal is wrong, ask the seller.'
        : issued
          ? 'Only the remaining amount is still invoiced; look up the red invoice for the reversed part.'
          : undefined;
    case 'red_invoice':
      return !d.reverses && received ? 'Ask the seller which invoice it reverses.' : undefined;
    case 'out_of_control':
      return issued
        ? 'This invoice of ours is flagged 失控; our finance team has to clear it with our tax office — escalate so they see it.'
        : received
          ? 'It cannot be deducted until the seller clears it with its tax office; finance handles our side — escalate so they see it.'
          : undefined;
    case 'abnormal':
      return issued
        ? 'This invoice of ours is listed as abnormal; our finance team has to settle it with our tax office — escalate so they see it.'
        : received
          ? 'It must not be deducted until the seller settles it with its tax office; finance handles our side — escalate so they see it.'
          : undefined;
    case 'maintenance':
      return received
        ? `Wait: it should appear by ${f.time(d.expectedBy)}. If it is still missing after that, ask the seller whether it was issued to our tax id, then escalate.`
        : undefined;
    case 'overdue':
      return received
        ? 'Ask the seller whether it was issued to our tax id; if they confirm it was, escalate with the button below so finance checks the platform.'
        : undefined;
    case 'wrong_buyer':
      return received
        ? 'It sits in the other taxpayer’s account. Ask the seller to red-reverse it and issue a new one to our tax id.'
        : issued
          ? `It sits in the other buyer’s account: our finance team ${paper ? 'voids it (only possible in its month of issue) or red-reverses it' : 'red-reverses it'} and issues a new one to the right buyer — escalate so they see it.`
          : undefined;
    case 'mismatch':
      return received
        ? `Search the tax system with its values. If the invoice is wrong, ${paper ? 'ask the seller to void it (only possible in its month of issue) or issue a red invoice, and then a new one' : 'ask the seller to issue a red invoice and a new one — an electronic invoice cannot be voided'}.`
        : issued
          ? `Search the tax system with its values. If the invoice is wrong, our finance team ${paper ? 'voids it (only possible in its month of issue) or red-reverses it' : 'red-reverses it'} and issues a new one — escalate so they see it.`
          : undefined;
    case 'other_region': {
      const place = `It is in the tax account of our entity in ${d.regionName ?? d.region}: ask that entity’s finance team.`;
      return issued
        ? `${place} If it should have gone to the Beijing entity, our finance team issues it again — escalate so they see it.`
        : `${place} If the Beijing entity should have received it, ask the seller to issue it again to the Beijing tax id.`;
    }
  }
  return undefined;
}
