import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['src/domain', 'src/services', 'src/flows'];
const FORBIDDEN =
  /from '(@slack\/|lowdb|node:readline|node:fs|node:http|(\.\.\/)+(slack|console|store|cli)\/|\.\.\/main\.js)/;

/**
 * What each inner layer may import from the rest of `src`, as path prefixes under `src/`: everything points inwards,
 * to `lib` at the bottom, which imports nothing. `i18n` sits on the domain beside the services: words never depend on
 * use cases, and use cases know only which language a person reads (`i18n/language.js`), never the words.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'src/lib': ['lib/'],
  'src/domain': ['domain/', 'lib/'],
  'src/i18n': ['i18n/', 'domain/', 'lib/'],
  'src/services': ['services/', 'domain/', 'lib/', 'ports.js', 'i18n/language.js'],
  'src/flows': ['flows/', 'services/', 'i18n/', 'domain/', 'lib/', 'ports.js'],
};

async function sources(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

/** Where under `src` each relative import of a file lands (`domain/money.js`, `ports.js`, …). */
async function importedPaths(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative('src', normalize(join(dirname(file), m[1] as string))),
  );
}

describe('layering', () => {
  it.each(CORE)('%s imports no transport, storage or file-system code', async (dir) => {
    const files = await sources(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(await readFile(file, 'utf8'), file).not.toMatch(FORBIDDEN);
    }
  });

  it.each(Object.entries(ALLOWED))('%s imports only from %j', async (dir, allowed) => {
    const files = await sources(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const wrong = (await importedPaths(file)).filter((path) => !allowed.some((prefix) => path.startsWith(prefix)));
      expect(wrong, file).toEqual([]);
    }
  });

  it('resolves imports against src the way the rules mean them', async () => {
    expect(await importedPaths('src/flows/conversation.ts')).toContain('services/look-up-invoice.js');
    expect(await importedPaths('src/i18n/catalog-for.ts')).toEqual([
      'i18n/catalog.js',
      'i18n/en.js',
      'i18n/language.js',
      'i18n/zh.js',
    ]);
  });

  it('keeps pure row parsing in the domain and no formatters in the flows', async () => {
    const services = (await readdir('src/services')).join(' ');
    expect(services).not.toMatch(/-row\.ts|row-/);
    for (const file of await sources('src/flows'))
      expect(await readFile(file, 'utf8'), file).not.toMatch(/export function formatters/);
  });
});

describe('test hygiene', () => {
  // vitest runs with `isolate: false` (vitest.config.ts): test files share one module graph per worker. That is only
  // honest while no test replaces a module or patches a global another file could then see.
  const PATCHES =
    /\bvi\.(mock|doMock|stubGlobal|stubEnv|useFakeTimers)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|globalThis\.\w+\s*=[^=]/;

  it('no test mocks a module, patches a global or changes the environment', async () => {
    const files = (await sources('test')).filter((f) => f !== join('test', 'architecture.test.ts'));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(await readFile(file, 'utf8'), file).not.toMatch(PATCHES);
  });
});
