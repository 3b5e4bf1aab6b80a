/**
 * Thrown by an escalation store's `update` when the change would leave an invoice with two open escalations (a
 * reopen while a newer one is open): every adapter keeps at most one open escalation per invoice, so a follower is
 * never split between two. Nothing is changed.
 */
export class SecondOpenEscalationError extends Error {
  constructor(
    /** The invoice (storage key) that already has an open escalation. */
    readonly invoiceKey: string,
  ) {
    super(`Invoice ${invoiceKey} already has an open escalation`);
    this.name = 'SecondOpenEscalationError';
  }
}
