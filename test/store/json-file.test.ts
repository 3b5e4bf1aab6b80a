import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openJsonFile, prettyJson } from '../../src/store/json-file.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const Users = z.object({ users: z.array(z.string()) });

describe('openJsonFile', () => {
  const tempDir = useTempDirs();

  it('writes a hundred changes made at once in far fewer writes, each resolved once its change is on disk', async () => {
    const file = join(await tempDir(), 'users.json');
    let writes = 0;
    const db = await openJsonFile(file, Users, { users: [] }, (data) => {
      writes += 1;
      return prettyJson(data);
    });
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await db.update((data) => {
          data.users.push(`U${i}`);
        });
        // Durable when the promise resolves: this user is in the file already.
        expect(JSON.parse(await readFile(file, 'utf8')).users).toContain(`U${i}`);
      }),
    );
    expect(writes).toBeLessThanOrEqual(2);
    expect((await openJsonFile(file, Users, { users: [] })).data.users).toHaveLength(100);
  });

  it('rejects every change that shared a failed write, and the next write holds them all', async () => {
    const file = join(await tempDir(), 'users.json');
    const db = await openJsonFile(file, Users, { users: [] });
    await db.update((data) => {
      data.users.push('U0');
    });
    // A non-empty folder where the file goes: the rename is refused, as a full disk would refuse the write.
    await rm(file);
    await mkdir(join(file, 'inside'), { recursive: true });
    const results = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        db.update((data) => {
          data.users.push(`U${i}`);
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await rm(file, { recursive: true });
    await db.update((data) => {
      data.users.push('U4');
    });
    expect((await openJsonFile(file, Users, { users: [] })).data.users).toEqual(['U0', 'U1', 'U2', 'U3', 'U4']);
  });
});
