/**
 * Child-process entry for the replica tests: `node --import tsx test/helpers/replica-child.ts <ISO time>` starts the
 * real bot from its environment (HTTP mode, `DATABASE_URL`, a DATA_DIR of its own) as `npm start` does, on a manual
 * clock set to that time, and sends its port to the parent. The parent moves the clock and runs the scheduled work
 * over IPC (`{ advance: ms }`, `{ tick: true }`: each answered with `{ done, count }`), so two replicas can be made
 * to run their ticks at the same moment. `{ stop: true }` stops the bot as SIGTERM would.
 */
import { loadConfig } from '../../src/config.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { startBot } from '../../src/main.js';

type Command = { id: number; advance?: number; tick?: boolean; stop?: boolean };

const clock = createManualClock(new Date(process.argv[2] ?? Date.now()));
const bot = await startBot({ ...loadConfig(process.env), port: 0 }, { clock, log: () => {} });
process.send?.({ port: bot.port });
process.on('message', async (command: Command) => {
  let count = 0;
  if (command.advance) clock.advance(command.advance);
  if (command.tick) count = (await bot.tick?.()) ?? 0;
  if (command.stop) await bot.stop();
  process.send?.({ id: command.id, done: true, count });
  if (command.stop) process.disconnect();
});
