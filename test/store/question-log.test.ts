import fsp, { appendFile, readFile, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { QuestionEvent } from '../../src/domain/question-event.js';
import type { GreetingStore, QuestionLog } from '../../src/ports.js';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { createJsonlQuestionLog } from '../../src/store/jsonl-question-log.js';
import { createLowdbGreetingStore } from '../../src/store/lowdb-greeting-store.js';
import { createMemoryGreetingStore, createMemoryQuestionLog } from '../../src/store/memory-question-log.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const asked = (at: string, user = 'U1'): QuestionEvent => ({
  type: 'asked',
  at,
  user,
  invoice: 'D26112000000000100008',
  cause: 'sync_window',
});
const feedback = (at: string, helpful: boolean) =>
  ({ type: 'feedback', at, user: 'U1', invoice: 'D26112000000000100008', helpful, cause: 'sync_window' }) as const;

describe.each([
  ['in memory', async () => createMemoryQuestionLog()],
  ['in questions.jsonl', async (dir: string) => createJsonlQuestionLog(dir)],
] as Array<[string, (dir: string) => Promise<QuestionLog>]>)('the question log %s', (_name, open) => {
  const tempDir = useTempDirs();

  it('returns a period’s events oldest first, the end excluded, even when one was recorded late', async () => {
    const log = await open(await tempDir());
    await log.record(asked('2026-11-24T02:00:00.000Z'));
    await log.record(asked('2026-11-23T02:00:00.000Z', 'U2'));
    await log.record(asked('2026-11-30T00:00:00.000Z', 'U3'));
    const week = await log.between(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect(week.map((e) => (e.type === 'asked' ? e.user : ''))).toEqual(['U2', 'U1']);
  });

  it('takes one answer per person and invoice, even from a double click', async () => {
    const log = await open(await tempDir());
    expect(await log.answered('U1', 'D26112000000000100008')).toBe(false);
    const [first, second] = await Promise.all([
      log.answer(feedback('2026-11-24T02:00:00.000Z', true)),
      log.answer(feedback('2026-11-24T02:00:01.000Z', false)),
    ]);
    expect([first, second]).toEqual([true, false]);
    expect(await log.answered('U1', 'D26112000000000100008')).toBe(true);
    const all = await log.between(new Date(0), new Date('2027-01-01T00:00:00Z'));
    expect(all).toEqual([feedback('2026-11-24T02:00:00.000Z', true)]);
  });
});

describe('questions.jsonl on disk', () => {
  const tempDir = useTempDirs();

  it('keeps events and answers across a restart, one appended line each', async () => {
    const dir = await tempDir();
    const log = await createJsonlQuestionLog(dir);
    await log.record(asked('2026-11-24T02:00:00.000Z'));
    await log.answer(feedback('2026-11-24T02:01:00.000Z', true));
    const file = join(dir, 'state', 'questions.jsonl');
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2);
    const reopened = await createJsonlQuestionLog(dir);
    expect(await reopened.answered('U1', 'D26112000000000100008')).toBe(true);
    expect(await reopened.answer(feedback('2026-11-25T02:00:00.000Z', false))).toBe(false);
    expect(await reopened.between(new Date(0), new Date('2027-01-01T00:00:00Z'))).toHaveLength(2);
  });

  const original = fsp.appendFile;
  afterEach(() => {
    Object.assign(fsp, { appendFile: original });
    syncBuiltinESMExports();
  });

  it('appends the events recorded at once in call order, sharing appends instead of one per event', async () => {
    const dir = await tempDir();
    const log = await createJsonlQuestionLog(dir);
    // Node's own appendFile, counted (our modules are untouched).
    let appends = 0;
    Object.assign(fsp, {
      appendFile: (...args: Parameters<typeof original>) => {
        appends += 1;
        return original(...args);
      },
    });
    syncBuiltinESMExports();
    const times = Array.from({ length: 100 }, (_, i) => new Date(Date.UTC(2026, 10, 24, 2, 0, i)).toISOString());
    await Promise.all(times.map((at) => log.record(asked(at))));
    expect(appends).toBeLessThanOrEqual(2);
    const file = join(dir, 'state', 'questions.jsonl');
    expect(
      (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).at),
    ).toEqual(times);
  });

  it('skips a half-written last line and stops at damage elsewhere, naming the file', async () => {
    const dir = await tempDir();
    const log = await createJsonlQuestionLog(dir);
    await log.record(asked('2026-11-24T02:00:00.000Z'));
    const file = join(dir, 'state', 'questions.jsonl');
    await appendFile(file, '{"type":"asked","at":"2026-11-2');
    expect(await (await createJsonlQuestionLog(dir)).between(new Date(0), new Date('2027-01-01'))).toHaveLength(1);
    await writeFile(file, `{"type":"asked"}\n${JSON.stringify(asked('2026-11-24T02:00:00.000Z'))}\n`);
    await expect(createJsonlQuestionLog(dir)).rejects.toBeInstanceOf(CorruptDataError);
  });
});

describe.each([
  ['in memory', async () => createMemoryGreetingStore()],
  ['in greeted.json', async (dir: string) => createLowdbGreetingStore(dir)],
] as Array<[string, (dir: string) => Promise<GreetingStore>]>)('greetings %s', (_name, open) => {
  const tempDir = useTempDirs();

  it('says yes once per person', async () => {
    const store = await open(await tempDir());
    expect(await Promise.all([store.firstVisit('U1'), store.firstVisit('U1'), store.firstVisit('U2')])).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe('greeted.json on disk', () => {
  const tempDir = useTempDirs();

  it('greets nobody twice across a restart', async () => {
    const dir = await tempDir();
    expect(await (await createLowdbGreetingStore(dir)).firstVisit('U1')).toBe(true);
    const reopened = await createLowdbGreetingStore(dir);
    expect([await reopened.firstVisit('U1'), await reopened.firstVisit('U2')]).toEqual([false, true]);
  });
});
