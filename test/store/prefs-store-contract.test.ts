import { describe, expect, it } from 'vitest';
import type { PrefsStore } from '../../src/ports.js';
import { createLowdbPrefsStore } from '../../src/store/lowdb-prefs-store.js';
import { createMemoryPrefsStore } from '../../src/store/memory-state-stores.js';
import { createPgPrefsStore } from '../../src/store/postgres/pg-prefs-store.js';
import { describePostgres } from '../helpers/postgres.js';
import { type StoreHandles, usePostgresReplicas } from '../helpers/store-handles.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** The behaviour every preferences store promises through the port, whatever keeps the bytes. */
function prefsStoreContract(fresh: () => Promise<StoreHandles<PrefsStore>>): void {
  it('answers the language last set for each user, on every replica and after a restart', async () => {
    const { store, other, reopen } = await fresh();
    expect(await store.language('U1')).toBeUndefined();
    await store.setLanguage('U1', 'zh');
    await other.setLanguage('U2', 'en');
    expect([await other.language('U1'), await store.language('U2')]).toEqual(['zh', 'en']);
    await other.setLanguage('U1', 'en');
    const reopened = await reopen();
    expect([await reopened.language('U1'), await reopened.language('U2')]).toEqual(['en', 'en']);
  });

  it('keeps every user’s language when many are set at once', async () => {
    const { store, other } = await fresh();
    const users = Array.from({ length: 20 }, (_, i) => `U${i}`);
    await Promise.all(users.map((u, i) => (i % 2 ? other : store).setLanguage(u, i % 3 ? 'zh' : 'en')));
    expect(await Promise.all(users.map((u) => store.language(u)))).toEqual(users.map((_, i) => (i % 3 ? 'zh' : 'en')));
  });
}

describe('in-memory preferences', () => {
  prefsStoreContract(async () => {
    const store = createMemoryPrefsStore();
    return { store, other: store, reopen: async () => store };
  });
});

describe('lowdb preferences', () => {
  const tempDir = useTempDirs();
  prefsStoreContract(async () => {
    const dir = await tempDir();
    const store = await createLowdbPrefsStore(dir);
    return { store, other: store, reopen: () => createLowdbPrefsStore(dir) };
  });
});

describePostgres('PostgreSQL preferences', () => {
  const replicas = usePostgresReplicas(['preferences']);
  prefsStoreContract(async () => {
    const { a, b } = await replicas();
    return { store: createPgPrefsStore(a), other: createPgPrefsStore(b), reopen: async () => createPgPrefsStore(a) };
  });

  it('reads a language it does not know (a row written by hand) as unset', async () => {
    const { a } = await replicas();
    await a.query("INSERT INTO preferences (user_id, language) VALUES ('U1', 'fr')");
    expect(await createPgPrefsStore(a).language('U1')).toBeUndefined();
  });
});
