import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AUDIT_FLUSH_MS, createJsonlAuditLog } from '../../src/store/jsonl-audit-log.js';
import { alice, demoConversation, demoPorts, textOf } from '../helpers/demo-conversation.js';
import { useTempDirs } from '../helpers/temp-dir.js';

describe('audit log', () => {
  const tempDir = useTempDirs();

  it('appends one JSON line per event, a file per month, never rewriting', async () => {
    const dir = await tempDir();
    const log = await createJsonlAuditLog(dir);
    await log.record({ at: '2026-11-27T07:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' });
    await log.record({ at: '2026-11-27T07:01:00.000Z', user: 'U2', action: 'refused', detail: 'notice schedule' });
    await log.record({ at: '2026-12-01T00:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100002' });
    await log.flush();
    const november = (await readFile(join(dir, 'audit', '2026-11.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(november).toEqual([
      { at: '2026-11-27T07:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' },
      { at: '2026-11-27T07:01:00.000Z', user: 'U2', action: 'refused', detail: 'notice schedule' },
    ]);
    expect(await readFile(join(dir, 'audit', '2026-12.jsonl'), 'utf8')).toContain('26112000000000100002');
    await log.close();
  });

  it('batches many records into one write per month file, and writes nothing on the request path', async () => {
    const dir = await tempDir();
    const log = await createJsonlAuditLog(dir);
    const november = join(dir, 'audit', '2026-11.jsonl');
    const probe = await open(join(dir, 'probe'), 'w');
    const write = vi.spyOn(Object.getPrototypeOf(probe), 'write');
    await probe.close();
    try {
      for (let i = 0; i < 1000; i++)
        await log.record({ at: '2026-11-27T07:00:00.000Z', user: 'U1', action: 'lookup', invoice: `I${i}` });
      await log.record({ at: '2026-12-01T00:00:00.000Z', user: 'U1', action: 'lookup', invoice: 'DEC' });
      expect(await readFile(november, 'utf8').catch(() => '')).toBe('');
      await log.flush();
      expect(write).toHaveBeenCalledTimes(2);
    } finally {
      write.mockRestore();
    }
    const lines = (await readFile(november, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[999] ?? '')).toMatchObject({ invoice: 'I999' });
    await log.close();
  });

  it('flushes on its own, without close, once AUDIT_FLUSH_MS have passed', async () => {
    const dir = await tempDir();
    const log = await createJsonlAuditLog(dir);
    const file = join(dir, 'audit', '2026-11.jsonl');
    const recordedAt = Date.now();
    await log.record({ at: '2026-11-27T07:00:00.000Z', user: 'U1', action: 'lookup', invoice: 'A' });
    await log.record({ at: '2026-11-27T07:00:00.050Z', user: 'U1', action: 'lookup', invoice: 'B' });
    expect(await readFile(file, 'utf8').catch(() => '')).toBe('');
    await vi.waitFor(async () => expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(2), {
      timeout: 5000,
      interval: 10,
    });
    // Not a speed target: the timer cannot fire before its delay, so a flush this late came from the timer.
    expect(Date.now() - recordedAt).toBeGreaterThanOrEqual(AUDIT_FLUSH_MS - 5);
    await log.close();
  });

  it('writes what is still pending when closed, and appends after a restart', async () => {
    const dir = await tempDir();
    const first = await createJsonlAuditLog(dir, { flushMs: 60_000 });
    await first.record({ at: '2026-11-27T07:00:00.000Z', user: 'U1', action: 'lookup', invoice: 'A' });
    await first.close();
    const second = await createJsonlAuditLog(dir, { flushMs: 60_000 });
    await second.record({ at: '2026-11-27T08:00:00.000Z', user: 'U2', action: 'lookup', invoice: 'B' });
    await second.close();
    const lines = (await readFile(join(dir, 'audit', '2026-11.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).invoice)).toEqual(['A', 'B']);
  });

  it('records lookups, walk-through outcomes and refused notice actions, without amounts or tax ids', async () => {
    const ports = await demoPorts();
    const audit = ports.audit;
    const conversation = await demoConversation(ports);
    await conversation.receive(alice, { kind: 'text', text: 'where is 26442000000000200003' }, 'dm');
    const step = await conversation.receive(
      alice,
      { kind: 'choice', choiceId: 'troubleshoot:D26112000000000100008' },
      'dm',
    );
    const solved = step.flatMap((r) => (r.kind === 'choices' ? r.choices : [])).find((c) => c.id.endsWith(':solved'));
    await conversation.receive(alice, { kind: 'choice', choiceId: solved?.id ?? '' }, 'dm');
    expect(textOf(await conversation.receive(alice, { kind: 'text', text: 'notice cancel NTC-1' }, 'dm'))).toContain(
      'only admins',
    );
    expect(audit.entries.map((e) => [e.user, e.action, e.invoice ?? e.detail])).toEqual([
      ['UALICE', 'lookup', '26442000000000200003'],
      ['UALICE', 'checklist_solved', '26112000000000100008'],
      ['UALICE', 'refused', 'notice cancel'],
    ]);
    const json = JSON.stringify(audit.entries);
    expect(json).not.toContain('9040');
    expect(json).not.toContain('91440300');
  });
});
