/**
 * Child-process entry for the crash tests: `node --import tsx test/helpers/sync-in-child.ts <DATA_DIR>` starts the
 * bot's core on DATA_DIR the way `npm start` does (the data lock, every store, the real composition, no Slack
 * transport) and runs one `/invoice sync` as a finance lead, printing the reply. It exits as the bot does on stop:
 * the audit log flushed, the lock released.
 */
import { loadConfig } from '../../src/config.js';
import { renderText } from '../../src/console/render-text.js';
import { systemClock } from '../../src/lib/clocks.js';
import { openBot } from '../../src/open-bot.js';
import { lockDataDir } from '../../src/store/data-lock.js';
import { createRecordingNotifier } from './recording-notifier.js';

const dataDir = process.argv[2] ?? '';
const release = await lockDataDir(dataDir);
const bot = await openBot(
  loadConfig({ DATA_DIR: dataDir }, ['--console']),
  dataDir,
  systemClock,
  createRecordingNotifier(),
);
const replies = await bot.conversation.receive(
  { userId: 'UFINANCE', role: 'finance' },
  { kind: 'text', text: 'sync' },
  'command',
);
console.log(renderText(replies).text);
await bot.audit.close();
await release();
