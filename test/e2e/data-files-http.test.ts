import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW } from '../../src/demo.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { type HttpBot, SIGNING_SECRET as SECRET, startHttpBot } from '../helpers/http-bot.js';
import { eventCallback, FORM, JSON_TYPE, postSigned, slashCommand } from '../helpers/slack-requests.js';

// A file's path with its varying parts named as the README names them.
const documentedName = (path: string) =>
  path
    .replace(/^backups\/.*$/, 'backups/<time>-<reason>/')
    .replace(/^invoices\/(ledger|tax)\/\d{4}-\d{2}-\d{2}\.json$/, 'invoices/$1/<YYYY-MM-DD>.json')
    .replace(/^audit\/\d{4}-\d{2}\.jsonl$/, 'audit/<YYYY-MM>.jsonl');

async function dataFilesSection(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const start = readme.indexOf('\n## Data files');
  return readme.slice(start, readme.indexOf('\n#', start + 1));
}

// The README's "Data files" table is the map of DATA_DIR admins rely on: every file a running bot writes is in it.
describe('the files under DATA_DIR', () => {
  let http: HttpBot;

  beforeAll(async () => {
    http = await startHttpBot({ FINANCE_LEADS: 'U0FIN', ESCALATION_CHANNEL: 'C0ESC' }, createManualClock(DEMO_NOW));
  });

  afterAll(async () => {
    await http?.close();
  });

  it('are each named in the README’s Data files table', async () => {
    const command = (text: string) =>
      postSigned(http.events, slashCommand(text, `${http.fake.url}/response/files`, 'U0EMP'), FORM, SECRET);
    // A lookup (question log, audit), a language (prefs), a watch, an escalation, a walk-through, and a greeting.
    for (const text of [
      '26112000000000100008',
      'lang zh',
      'watch 26112000000000100010',
      'escalate 26112000000000100010 please check',
      'check 26112000000000100009',
    ])
      expect((await command(text)).status).toBe(200);
    const messages = { type: 'app_home_opened', user: 'U0EMP', channel: 'D0EMP', tab: 'messages' };
    const before = http.fake.callsTo('chat.postMessage').length;
    await postSigned(http.events, eventCallback(messages, 'EvFiles'), JSON_TYPE, SECRET);
    await http.fake.waitFor('chat.postMessage', before + 1);

    const files = (await readdir(http.dataDir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => `${e.parentPath.slice(http.dataDir.length + 1)}/${e.name}`.replace(/^\//, ''));
    const names = [...new Set(files.map(documentedName))].sort();
    // The state this run is meant to have written, so the test cannot pass on an empty folder.
    expect(names).toEqual(
      expect.arrayContaining(['state/questions.jsonl', 'state/greeted.json', 'state/prefs.json', 'state/watches.json']),
    );
    const section = await dataFilesSection();
    expect(names.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
  });
});
