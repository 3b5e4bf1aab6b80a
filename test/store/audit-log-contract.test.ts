import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditLog } from '../../src/ports.js';
import { createJsonlAuditLog } from '../../src/store/jsonl-audit-log.js';
import { createMemoryAuditLog } from '../../src/store/memory-state-stores.js';
import { createPgAuditLog, readPgAuditLog } from '../../src/store/postgres/pg-audit-log.js';
import { describePostgres } from '../helpers/postgres.js';
import { usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** Two audit logs on one trail (two replicas where the adapter allows them, else the same log) and its reader. */
type AuditHandles = { log: AuditLog; other: AuditLog; read: () => Promise<AuditEntry[]> };

const entry = (minute: number, user: string, invoice?: string): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 27, 7, minute)).toISOString(),
  user,
  action: 'lookup',
  ...(invoice ? { invoice } : {}),
});

/** The behaviour every audit log promises through the port, whatever keeps the bytes. */
function auditLogContract(fresh: () => Promise<AuditHandles>): void {
  it('keeps every entry once closed, with all its fields, in the order recorded', async () => {
    const { log, read } = await fresh();
    const entries: AuditEntry[] = [
      entry(0, 'U1', '26112000000000100001'),
      { at: '2026-11-27T07:01:00.000Z', user: 'U2', action: 'refused', detail: 'notice, "schedule"' },
      { at: '2026-11-27T07:02:00.000Z', user: 'U3', action: 'notice_scheduled', notice: 'NTC-1' },
      { at: '2026-12-01T00:00:00.000Z', user: 'U1', action: 'escalation_filed', invoice: 'D1', detail: '发票' },
    ];
    for (const e of entries) await log.record(e);
    await log.close();
    expect(await read()).toEqual(entries);
  });

  it('writes on its own shortly after recording, without flush or close', async () => {
    const { log, read } = await fresh();
    await log.record(entry(0, 'U1', 'A'));
    await log.record(entry(1, 'U1', 'B'));
    await vi.waitFor(async () => expect(await read()).toEqual([entry(0, 'U1', 'A'), entry(1, 'U1', 'B')]), {
      timeout: 5000,
      interval: 10,
    });
    await log.close();
  });

  it('keeps every entry of two replicas recording at once, each replica’s in its order', async () => {
    const { log, other, read } = await fresh();
    // All in one millisecond, as a busy minute can be: only the order of recording tells them apart.
    const mine = Array.from({ length: 60 }, (_, i) => entry(0, 'UMINE', `M${i}`));
    const theirs = Array.from({ length: 60 }, (_, i) => entry(0, 'UTHEIRS', `T${i}`));
    await Promise.all([
      (async () => {
        for (const [i, e] of mine.entries()) {
          await log.record(e);
          if (i % 7 === 0) await log.flush();
        }
      })(),
      (async () => {
        for (const [i, e] of theirs.entries()) {
          await other.record(e);
          if (i % 5 === 0) await other.flush();
        }
      })(),
    ]);
    await Promise.all([log.close(), other.close()]);
    const all = await read();
    expect(all).toHaveLength(120);
    expect(all.filter((e) => e.user === 'UMINE')).toEqual(mine);
    expect(all.filter((e) => e.user === 'UTHEIRS')).toEqual(theirs);
  });
}

describe('in-memory audit log', () => {
  auditLogContract(async () => {
    const log = createMemoryAuditLog();
    return { log, other: log, read: async () => [...log.entries] };
  });
});

describe('JSONL audit log', () => {
  const tempDir = useTempDirs();
  auditLogContract(async () => {
    const dir = await tempDir();
    const log = await createJsonlAuditLog(dir);
    const read = async () => {
      const files = (await readdir(join(dir, 'audit'))).sort();
      const lines = await Promise.all(files.map((f) => readFile(join(dir, 'audit', f), 'utf8')));
      return lines.flatMap((text) => text.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as AuditEntry);
    };
    return { log, other: log, read };
  });
});

describePostgres('PostgreSQL audit log', () => {
  const replicas = usePostgresReplicas(['audit_log']);
  const readAll = async (pool: pg.Pool) => {
    const entries: AuditEntry[] = [];
    for await (const e of readPgAuditLog(pool, { from: new Date(0), to: new Date(8.64e15) })) entries.push(e);
    return entries;
  };
  auditLogContract(async () => {
    const { a, b } = await replicas();
    return { log: createPgAuditLog(a), other: createPgAuditLog(b), read: () => readAll(a) };
  });

  it('inserts a batch with one statement, and nothing before the batch is due', async () => {
    const { a } = await replicas();
    const log = createPgAuditLog(a, { flushMs: 60_000 });
    const query = vi.spyOn(a, 'query');
    try {
      for (let i = 0; i < 1000; i++) await log.record(entry(i % 60, 'U1', `I${i}`));
      expect(query).not.toHaveBeenCalled();
      await log.flush();
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
    const all = await readAll(a);
    expect(all.map((e) => e.invoice)).toEqual(
      Array.from({ length: 1000 }, (_, i) => `I${i}`).sort((x, y) => {
        // Read back oldest first: by time, then in the order inserted.
        const [i, j] = [Number(x.slice(1)), Number(y.slice(1))];
        return (i % 60) - (j % 60) || i - j;
      }),
    );
    await log.close();
  });

  it('keeps a batch the server refused for the next flush, tells of the outage once, and writes it once', async () => {
    const { a } = await replicas();
    const errors: unknown[] = [];
    const log = createPgAuditLog(a, { flushMs: 60_000, onWriteError: (e) => errors.push(e) });
    await a.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      await log.record(entry(0, 'U1', 'A'));
      await log.flush();
      await log.record(entry(1, 'U1', 'B'));
      await log.flush();
    } finally {
      await a.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
    expect(errors).toHaveLength(1);
    await log.record(entry(2, 'U1', 'C'));
    await log.close();
    expect((await readAll(a)).map((e) => e.invoice)).toEqual(['A', 'B', 'C']);
  });

  it('reads a period, one user or one invoice, page after page', async () => {
    const { a } = await replicas();
    const log = createPgAuditLog(a);
    for (let i = 0; i < 12_000; i++)
      await log.record({ ...entry(i % 600, i % 2 ? 'U1' : 'U2', `I${i % 3}`), detail: `n${i}` });
    await log.close();
    const read = async (query: Parameters<typeof readPgAuditLog>[1]) => {
      const entries: AuditEntry[] = [];
      for await (const e of readPgAuditLog(a, query)) entries.push(e);
      return entries;
    };
    const all = await read({ from: new Date(0), to: new Date(8.64e15) });
    // Each entry exactly once across the pages.
    expect(new Set(all.map((e) => e.detail)).size).toBe(12_000);
    expect(all).toHaveLength(12_000);
    expect(all.every((e, i) => i === 0 || (all[i - 1]?.at ?? '') <= e.at)).toBe(true);
    const hour = await read({ from: new Date('2026-11-27T08:00:00Z'), to: new Date('2026-11-27T09:00:00Z') });
    expect(hour).toHaveLength(1200);
    expect(await read({ from: new Date(0), to: new Date(8.64e15), user: 'U1', invoice: 'I0' })).toHaveLength(2000);
  });
});
