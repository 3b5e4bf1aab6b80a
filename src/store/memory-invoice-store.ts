import type { InvoiceStore } from '../ports.js';
import { createInvoiceBook } from './invoice-book.js';
import { InvoiceIndex } from './invoice-index.js';

/** An invoice store that keeps everything in memory: for tests, benchmarks of the core, and throwaway demos. */
export function createMemoryInvoiceStore(): InvoiceStore {
  return createInvoiceBook(new InvoiceIndex(), [], async () => {});
}
