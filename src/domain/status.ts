/** The company ERP's state of an invoice (ledger `erp_status`). */
export const ERP_STATUSES = [
  'pending_review',
  'issuing',
  'issued',
  'issue_failed',
  'upload_failed',
  'voided',
  'red_reversed',
] as const;
export type ErpStatus = (typeof ERP_STATUSES)[number];

const ERP_LABELS: Record<string, ErpStatus> = {
  待审核: 'pending_review',
  开票中: 'issuing',
  开票成功: 'issued',
  开票失败: 'issue_failed',
  上传失败: 'upload_failed',
  已作废: 'voided',
  已红冲: 'red_reversed',
};

// Own keys only: a cell reading `constructor` or `__proto__` must not find Object.prototype's members.
function labelOf<S>(labels: Record<string, S>, text: string): S | undefined {
  return Object.hasOwn(labels, text) ? labels[text] : undefined;
}

/**
 * Reads an ERP status given in English or as its Chinese label.
 * @example parseErpStatus('开票成功') // 'issued'
 */
export function parseErpStatus(text: string): ErpStatus | undefined {
  const t = text.trim();
  if ((ERP_STATUSES as readonly string[]).includes(t)) return t as ErpStatus;
  return labelOf(ERP_LABELS, t);
}

/** The tax system's 发票状态, normalised; the verbatim label is kept beside it on the record. */
export const TAX_STATUSES = [
  'normal',
  'voided',
  'red_reversed',
  'partially_red_reversed',
  'out_of_control',
  'abnormal',
] as const;
export type TaxStatus = (typeof TAX_STATUSES)[number];

const TAX_LABELS: Record<string, TaxStatus> = {
  正常: 'normal',
  作废: 'voided',
  已作废: 'voided',
  红冲: 'red_reversed',
  已红冲: 'red_reversed',
  全额红冲: 'red_reversed',
  部分红冲: 'partially_red_reversed',
  失控: 'out_of_control',
  异常: 'abnormal',
  认证异常: 'abnormal',
};

/**
 * Maps a 发票状态 label from the e-tax export to its normalised status.
 * @example parseTaxStatus('全额红冲') // 'red_reversed'
 */
export function parseTaxStatus(label: string): TaxStatus | undefined {
  return labelOf(TAX_LABELS, label.trim());
}
