/**
 * The `/invoice find` texts issue 11 (point 5) names — a common name part, the company-name fragment every synthetic
 * record has, every day there is, an amount — plus an amount exactly one synthetic invoice has (invoice 1's total),
 * so both an empty and a one-row answer are measured. By the name the figures are reported under.
 */
export const FIND_TEXTS = {
  有限公司: '有限公司',
  示例: '示例',
  allDays: '2000-01-01..2099-12-31',
  amount: '1130.00',
  amountOneMatch: '106.39',
} as const;
