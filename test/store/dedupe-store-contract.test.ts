import { describe, expect, it } from 'vitest';
import type { DedupeStore } from '../../src/ports.js';
import { DEDUPE_TTL_MS } from '../../src/store/dedupe-ttl.js';
import { createJsonlDedupeStore } from '../../src/store/jsonl-dedupe-store.js';
import { createMemoryDedupeStore } from '../../src/store/memory-state-stores.js';
import { createPgDedupeStore, DEDUPE_SWEEP_MS } from '../../src/store/postgres/pg-dedupe-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const NOW = new Date('2026-11-27T07:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

/** The behaviour every dedupe store promises through the port, whatever keeps the bytes. */
function dedupeStoreContract(fresh: () => Promise<StoreHandles<DedupeStore>>): void {
  it('sees a key first once, on any replica and after a restart, until its time to live has passed', async () => {
    const { store, other, reopen } = await fresh();
    expect(await store.firstSeen('event:Ev1', NOW)).toBe(true);
    expect(await other.firstSeen('event:Ev1', at(60_000))).toBe(false);
    expect(await store.firstSeen('event:Ev2', NOW)).toBe(true);
    const reopened = await reopen();
    expect(await reopened.firstSeen('event:Ev1', at(DEDUPE_TTL_MS - 1))).toBe(false);
    // A day later the key is new again, once.
    expect(await reopened.firstSeen('event:Ev1', at(DEDUPE_TTL_MS))).toBe(true);
    expect(await reopened.firstSeen('event:Ev1', at(DEDUPE_TTL_MS + 1))).toBe(false);
  });

  it('lets one of many deliveries of one event on two replicas through', async () => {
    const { store, other } = await fresh();
    const seen = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).firstSeen('event:Retried', NOW)),
    );
    expect(seen.filter(Boolean)).toHaveLength(1);
    // And once more when many arrive just after the key expired.
    const again = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? other : store).firstSeen('event:Retried', at(DEDUPE_TTL_MS))),
    );
    expect(again.filter(Boolean)).toHaveLength(1);
  });

  it('remembers a key for its own time to live, for every replica and after a restart; seen only reads', async () => {
    const { store, other, reopen } = await fresh();
    const SIG = 'sig:1764226800:v0=abc';
    expect(await other.seen(SIG, NOW)).toBe(false);
    // Reading wrote nothing: the key is still new.
    expect(await store.seen(SIG, NOW)).toBe(false);
    await store.remember(SIG, NOW, 11 * 60_000);
    expect(await other.seen(SIG, at(60_000))).toBe(true);
    expect(await store.seen('sig:1764226800:v0=abd', NOW)).toBe(false);
    const reopened = await reopen();
    expect(await reopened.seen(SIG, at(11 * 60_000 - 1))).toBe(true);
    expect(await reopened.seen(SIG, at(11 * 60_000))).toBe(false);
  });

  it('keeps the longer time when a key is remembered again for less', async () => {
    const { store, other } = await fresh();
    await store.remember('sig:long', NOW, 10 * 60_000);
    await other.remember('sig:long', at(60_000), 60_000);
    expect(await store.seen('sig:long', at(9 * 60_000))).toBe(true);
    await other.remember('sig:long', at(9 * 60_000), 5 * 60_000);
    expect(await store.seen('sig:long', at(13 * 60_000))).toBe(true);
    expect(await store.seen('sig:long', at(14 * 60_000))).toBe(false);
  });
}

describe('in-memory dedupe', () => {
  dedupeStoreContract(async () => {
    const store = createMemoryDedupeStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('JSONL dedupe', () => {
  const tempDir = useTempDirs();
  dedupeStoreContract(async () => {
    const dir = await tempDir();
    const store = await createJsonlDedupeStore(dir);
    return { store, other: store, reopen: () => createJsonlDedupeStore(dir) };
  });
});

describePostgres('PostgreSQL dedupe', () => {
  const replicas = usePostgresReplicas(['dedupe_keys']);
  dedupeStoreContract(async () => {
    const { a, b } = await replicas();
    return { store: createPgDedupeStore(a), other: createPgDedupeStore(b), reopen: async () => createPgDedupeStore(a) };
  });

  it('deletes expired keys now and then, not on every call', async () => {
    const { a } = await replicas();
    const keys = async () => (await a.query<{ key: string }>('SELECT key FROM dedupe_keys ORDER BY key')).rows;
    const store = createPgDedupeStore(a);
    await store.firstSeen('event:Old', NOW);
    // A sweep (the last was a day ago), before event:Old expires.
    await store.firstSeen('event:Mid', at(DEDUPE_TTL_MS - DEDUPE_SWEEP_MS / 4));
    // event:Old has expired since, but the last sweep was less than DEDUPE_SWEEP_MS ago: its row stays, ignored.
    await store.firstSeen('event:New', at(DEDUPE_TTL_MS + DEDUPE_SWEEP_MS / 4));
    expect((await keys()).map((r) => r.key)).toEqual(['event:Mid', 'event:New', 'event:Old']);
    await store.firstSeen('event:Later', at(DEDUPE_TTL_MS - DEDUPE_SWEEP_MS / 4 + DEDUPE_SWEEP_MS));
    expect((await keys()).map((r) => r.key)).toEqual(['event:Later', 'event:Mid', 'event:New']);
  });

  it('deletes remembered signatures once expired, in the sweep remember runs too', async () => {
    const { a } = await replicas();
    const keys = async () => (await a.query<{ key: string }>('SELECT key FROM dedupe_keys ORDER BY key')).rows;
    const store = createPgDedupeStore(a);
    await store.remember('sig:1', NOW, 11 * 60_000);
    await store.remember('sig:2', at(DEDUPE_SWEEP_MS / 2), 11 * 60_000);
    expect((await keys()).map((r) => r.key)).toEqual(['sig:1', 'sig:2']);
    // The next sweep is due; sig:1 expired at NOW + 11 min, sig:2 has not.
    await store.remember('sig:3', at(DEDUPE_SWEEP_MS + 60_000 + 1), 11 * 60_000);
    expect((await keys()).map((r) => r.key)).toEqual(['sig:2', 'sig:3']);
  });
});
