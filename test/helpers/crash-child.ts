import { spawn } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/lib/clocks.js';
import { openBot } from '../../src/open-bot.js';
import { lockDataDir } from '../../src/store/data-lock.js';
import { createRecordingNotifier } from './recording-notifier.js';

/** Where `test/helpers/crash-point.ts` stops a child: before operation `at` (1-based) or at exit, and how. */
export type Crash = { at: number | 'exit'; mode: 'kill' | 'power' | 'power-dirs' };

/**
 * Runs `node --import tsx <args>` on DATA_DIR in a child process that `test/helpers/crash-point.ts` stops as `crash`
 * says, or lets finish while it writes one line per operation that changes DATA_DIR into `trace`. Resolves with the
 * child's output once it is gone.
 */
export function runUntilCrash(args: string[], dataDir: string, crash: Crash | { trace: string }): Promise<string> {
  const harness =
    'trace' in crash ? { CRASH_TRACE: crash.trace } : { CRASH_AT: String(crash.at), CRASH_MODE: crash.mode };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/helpers/crash-point.ts', ...args], {
      env: { PATH: process.env.PATH, DATA_DIR: dataDir, NODE_ENV: 'production', CRASH_ROOT: dataDir, ...harness },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

/**
 * Runs `args(dataDir)` to the end on a copy of `template` made in `scratch`, numbering every operation that changes
 * it: the crash points to choose from. Returns them (`<n> <operation> <path>` each) and the copy.
 */
export async function countOperations(
  args: (dataDir: string) => string[],
  template: string,
  scratch: string,
): Promise<{ operations: string[]; dataDir: string }> {
  const dataDir = join(scratch, 'counted');
  await cp(template, dataDir, { recursive: true });
  const trace = join(scratch, 'trace.txt');
  await runUntilCrash(args(dataDir), dataDir, { trace });
  return { operations: (await readFile(trace, 'utf8')).trim().split('\n'), dataDir };
}

/** `count` operation numbers spread evenly from the first to the last of `total`. */
export function spreadOver(total: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 1 + Math.round((i * (total - 1)) / Math.max(1, count - 1)));
}

/**
 * Starts the bot on `dataDir` as `npm start` does after a crash: takes over the dead process's lock, opens every
 * store (journals replayed, interrupted restores rolled back, temp files removed), then stops it again. Throws
 * whatever would stop the bot from starting.
 */
export async function startBotOn(dataDir: string): Promise<void> {
  const release = await lockDataDir(dataDir);
  try {
    const bot = await openBot(
      loadConfig({ DATA_DIR: dataDir }, ['--console']),
      dataDir,
      systemClock,
      createRecordingNotifier(),
    );
    await bot.audit.close();
  } finally {
    await release();
  }
}
