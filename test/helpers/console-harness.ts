import { PassThrough } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/main.js';

/** A console bot driven like a terminal: `say(line)` resolves with the bot's answer to that line. */
export type ConsoleBot = { intro: string; say(line: string): Promise<string>; quit(): Promise<void> };

const PROMPT = '\n> ';

/** Starts the real console runtime (demo data, demo clock) over in-memory streams. */
export async function startConsole(env: Record<string, string> = {}): Promise<ConsoleBot> {
  const input = new PassThrough();
  const output = new PassThrough();
  let buffer = '';
  let waiter: (() => void) | undefined;
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    if (buffer.endsWith(PROMPT)) waiter?.();
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`console did not answer; output so far:\n${buffer}`)), 10_000);
      const done = () => {
        clearTimeout(timer);
        const text = buffer.slice(0, -PROMPT.length);
        buffer = '';
        waiter = undefined;
        resolve(text);
      };
      if (buffer.endsWith(PROMPT)) done();
      else waiter = done;
    });
  const config = loadConfig({ DATA_DIR: '/nonexistent-invoice-desk-data', ...env }, ['--console']);
  const bot = await startBot(config, { input, output });
  const intro = await next();
  return {
    intro,
    async say(line) {
      input.write(`${line}\n`);
      return next();
    },
    async quit() {
      input.end(':quit\n');
      await bot.done;
    },
  };
}

/** The number of the choice labelled `label` in a console reply; throws (showing the reply) when there is none. */
export function pick(reply: string, label: string): string {
  const n = new RegExp(`\\[(\\d+)\\] ${label}`).exec(reply)?.[1];
  if (!n) throw new Error(`no choice “${label}” in:\n${reply}`);
  return n;
}
