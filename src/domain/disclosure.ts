import { type Actor, isFinance } from './actor.js';
import { MASKED_AMOUNT, maskTaxId } from './mask.js';
import { type Fen, formatMoney } from './money.js';

/** Who reads a reply: only its reader (an ephemeral reply, a DM, a form, the App Home), or a whole channel or thread. */
export type Place = 'private' | 'shared';

/** What one viewer may see of one invoice, and how its sensitive values are shown to them. */
export type Disclosure = {
  /** True when amounts, tax ids and record values are shown as they are; false when they are masked. */
  reveal: boolean;
  /** An amount as yuan (`¥1,130.00`), or the masked amount. */
  amount(fen: Fen): string;
  /** A taxpayer id (ours, the seller's or the buyer's), whole or with its middle hidden. */
  taxId(id: string): string;
};

const REVEALED: Disclosure = { reveal: true, amount: formatMoney, taxId: (id) => id };
const MASKED: Disclosure = { reveal: false, amount: () => MASKED_AMOUNT, taxId: maskTaxId };

/**
 * The one masking rule. Amounts, tax ids and record values of an invoice are shown only to its requester, finance
 * leads and admins, and only in a private place: in a shared channel or thread everyone reads along, so every viewer
 * (finance included) gets the masked form. A viewer who is nobody in particular (`undefined`: a channel post) never
 * sees them.
 * @example disclosureFor({ userId: 'U1', role: 'employee' }, 'U1', 'private').reveal // true
 * @example disclosureFor({ userId: 'UF', role: 'finance' }, 'U1', 'shared').reveal // false
 */
export function disclosureFor(viewer: Actor | undefined, requester: string | undefined, place: Place): Disclosure {
  if (!viewer || place === 'shared') return MASKED;
  const related = isFinance(viewer) || (requester !== undefined && requester === viewer.userId);
  return related ? REVEALED : MASKED;
}
