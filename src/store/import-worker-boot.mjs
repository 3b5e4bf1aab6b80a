// The first module an import worker thread runs. The bot runs TypeScript through tsx, and a worker thread does not
// inherit the loader of the thread that started it: register it here when the worker's module is a .ts file, then
// run that module (its URL comes with the job).
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
