const { createLowdbInvoiceStore } = await import('./src/store/lowdb-invoice-store.js');
const t = performance.now();
const s = await createLowdbInvoiceStore('bench/.data/data');
console.log('load', Math.round(performance.now() - t), s.counts(), Math.round(process.memoryUsage().rss / 2 ** 20));
