import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsonlAuditLog } from '../../src/store/jsonl-audit-log.js';
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
    const november = (await readFile(join(dir, 'audit', '2026-11.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(november).toEqual([
      { at: '2026-11-27T07:00:00.000Z', user: 'U1', action: 'lookup', invoice: '26112000000000100001' },
      { at: '2026-11-27T07:01:00.000Z', user: 'U2', action: 'refused', detail: 'notice schedule' },
    ]);
    expect(await readFile(join(dir, 'audit', '2026-12.jsonl'), 'utf8')).toContain('26112000000000100002');
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
