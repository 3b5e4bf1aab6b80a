import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = ['src/domain', 'src/services', 'src/flows'];
const FORBIDDEN =
  /from '(@slack\/|lowdb|node:readline|node:fs|node:http|(\.\.\/)+(slack|console|store|cli)\/|\.\.\/main\.js)/;

describe('layering', () => {
  it.each(CORE)('%s imports no transport, storage or file-system code', async (dir) => {
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(await readFile(join(dir, file), 'utf8'), file).not.toMatch(FORBIDDEN);
    }
  });

  it('keeps the domain free of services and flows', async () => {
    const files = (await readdir('src/domain')).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      expect(await readFile(join('src/domain', file), 'utf8'), file).not.toMatch(/from '\.\.\/(services|flows)\//);
    }
  });
});
