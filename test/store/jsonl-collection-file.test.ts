import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChecklistSession } from '../../src/domain/checklist-session.js';
import { CorruptDataError } from '../../src/store/corrupt-data-error.js';
import { COMPACT_AT_LINES } from '../../src/store/jsonl-collection-file.js';
import { createLowdbChecklistStore } from '../../src/store/lowdb-checklist-store.js';
import { createLowdbEscalationStore } from '../../src/store/lowdb-escalation-store.js';
import { sessionFixture } from '../helpers/state-fixtures.js';
import { useTempDirs } from '../helpers/temp-dir.js';

function session(id: string, overrides: Partial<ChecklistSession> = {}): ChecklistSession {
  return sessionFixture({ id, userId: 'U1', ...overrides });
}

const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

describe('walk-throughs kept as JSON lines (openJsonlCollection)', () => {
  const tempDir = useTempDirs();

  it('appends one line per click, never rewriting the walk-throughs already there', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state', 'checklists.jsonl');
    const store = await createLowdbChecklistStore(dir);
    await store.put(session('CHK-1'));
    await store.put(session('CHK-2', { updatedAt: '2026-11-29T07:00:00.000Z' }));
    const before = await readFile(file, 'utf8');
    await store.update('CHK-1', (s) => ({ ...s, position: 1 }));
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(JSON.parse(after.slice(before.length))).toMatchObject({ id: 'CHK-1', position: 1 });
    const reopened = await createLowdbChecklistStore(dir);
    expect((await reopened.get('CHK-1'))?.position).toBe(1);
    expect((await reopened.all()).map((s) => s.id)).toEqual(['CHK-1', 'CHK-2']);
    // A pruned walk-through is one more line.
    await reopened.prune(new Date('2026-11-28T00:00:00Z'));
    expect((await lines(file)).at(-1)).toBe('{"drop":"CHK-1"}');
    expect((await (await createLowdbChecklistStore(dir)).all()).map((s) => s.id)).toEqual(['CHK-2']);
  });

  it('keeps every one of many changes made at once, and the newest state of each after a reopen', async () => {
    const dir = await tempDir();
    const store = await createLowdbChecklistStore(dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => store.put(session(`CHK-${i}`))));
    // Ten clicks on each of 200 walk-throughs, all in flight together.
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        store.update(`CHK-${i % 200}`, (s) => ({ ...s, position: s.position + 1 })),
      ),
    );
    const reopened = await createLowdbChecklistStore(dir);
    const all = await reopened.all();
    expect(all).toHaveLength(200);
    expect(all.every((s) => s.position === 10)).toBe(true);
  });

  it('rewrites the file with one line per walk-through once the lines reach twice their number', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state', 'checklists.jsonl');
    const store = await createLowdbChecklistStore(dir);
    const n = COMPACT_AT_LINES / 2 + 100;
    await Promise.all(Array.from({ length: n }, (_, i) => store.put(session(`CHK-${i}`))));
    await Promise.all(Array.from({ length: n }, (_, i) => store.update(`CHK-${i}`, (s) => ({ ...s, position: 1 }))));
    // 2n lines appended would pass the mark: the second batch rewrote the file with one line per walk-through.
    expect(await lines(file)).toHaveLength(n);
    expect((await (await createLowdbChecklistStore(dir)).all()).every((s) => s.position === 1)).toBe(true);
    // Pruning them all reaches the mark again: the file is rewritten empty.
    expect(await store.prune(new Date('2026-11-28T00:00:00Z'))).toBe(n);
    expect(await lines(file)).toEqual([]);
    expect(await (await createLowdbChecklistStore(dir)).all()).toEqual([]);
    expect(await readdir(join(dir, 'state'))).toEqual(['checklists.jsonl']);
  });

  it('appends after a rewrite to the rewritten file, not to the one it replaced', async () => {
    const dir = await tempDir();
    const store = await createLowdbChecklistStore(dir);
    await store.put(session('CHK-0'));
    // An append: the file is open from here on.
    await store.put(session('CHK-1'));
    // Enough changes at once to pass the mark: the file is rewritten (a new file renamed over the old one).
    await Promise.all(
      Array.from({ length: COMPACT_AT_LINES }, () =>
        store.update('CHK-0', (s) => ({ ...s, position: s.position + 1 })),
      ),
    );
    await store.put(session('CHK-2'));
    const reopened = await createLowdbChecklistStore(dir);
    expect((await reopened.all()).map((s) => s.id)).toEqual(['CHK-0', 'CHK-1', 'CHK-2']);
    expect((await reopened.get('CHK-0'))?.position).toBe(COMPACT_AT_LINES);
  });

  it('rejects every change waiting on a write that failed, and the next write puts all of them on disk', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state', 'checklists.jsonl');
    const store = await createLowdbChecklistStore(dir);
    await store.put(session('CHK-0'));
    // A folder where the file should be: appends and the rewrite both fail, as on a full disk.
    await rm(file);
    await mkdir(join(file, 'inside'), { recursive: true });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.put(session(`CHK-${i + 1}`))));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await rm(file, { recursive: true });
    await store.put(session('CHK-21'));
    expect(await (await createLowdbChecklistStore(dir)).all()).toHaveLength(22);
  });

  it('ignores a last line cut short by a crash, and rewrites the file before the next append', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state', 'checklists.jsonl');
    await mkdir(join(dir, 'state'));
    const torn = JSON.stringify(session('CHK-2')).slice(0, 40);
    await writeFile(file, `${JSON.stringify(session('CHK-1'))}\n${torn}`);
    const store = await createLowdbChecklistStore(dir);
    expect((await store.all()).map((s) => s.id)).toEqual(['CHK-1']);
    await store.put(session('CHK-3'));
    expect((await lines(file)).map((l) => JSON.parse(l).id)).toEqual(['CHK-1', 'CHK-3']);
  });

  it('stops on a damaged line that is not the last, naming the file and line, and leaves the file as it was', async () => {
    const dir = await tempDir();
    const file = join(dir, 'state', 'checklists.jsonl');
    await mkdir(join(dir, 'state'));
    const text = `${JSON.stringify(session('CHK-1'))}\n{"id":"CHK-2",\n${JSON.stringify(session('CHK-3'))}\n`;
    await writeFile(file, text);
    const error = await createLowdbChecklistStore(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptDataError);
    expect(String(error)).toContain('checklists.jsonl');
    expect(String(error)).toContain('line 2');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('reads the checklists.json an older version wrote, and replaces it with the JSON-lines file at the first change', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'state'));
    await writeFile(join(dir, 'state', 'checklists.json'), JSON.stringify({ sessions: [session('CHK-1')] }, null, 2));
    const store = await createLowdbChecklistStore(dir);
    expect((await store.get('CHK-1'))?.id).toBe('CHK-1');
    await store.put(session('CHK-2'));
    expect(await readdir(join(dir, 'state'))).toEqual(['checklists.jsonl']);
    expect((await (await createLowdbChecklistStore(dir)).all()).map((s) => s.id)).toEqual(['CHK-1', 'CHK-2']);
  });

  it('reads the escalations.json an older version wrote', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'state'));
    const escalation = { id: 'ESC-1', invoiceKey: 'D1', requester: 'U1', status: 'open', reminded: [] };
    await writeFile(join(dir, 'state', 'escalations.json'), JSON.stringify({ escalations: [escalation] }));
    const store = await createLowdbEscalationStore(dir);
    expect(await store.get('ESC-1')).toMatchObject(escalation);
  });
});
