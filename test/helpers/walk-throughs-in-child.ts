/**
 * Child-process entry for the walk-through crash test: `node --import tsx test/helpers/walk-throughs-in-child.ts
 * <DATA_DIR>` opens the walk-through store on DATA_DIR (a `checklists.json` of an older version there is migrated at
 * the first write) and clicks through its walk-throughs in six waves of 250 clicks at once: the first write
 * migrates, the next appends, one rewrites the file, the last appends again. It prints `durable <id> <position>` each time a click's promise resolves: the
 * store's promise that the change is on disk.
 */
import { createLowdbChecklistStore } from '../../src/store/lowdb-checklist-store.js';

const dataDir = process.argv[2] ?? '';
const store = await createLowdbChecklistStore(dataDir);
const ids = (await store.all()).map((s) => s.id);
for (let wave = 0; wave < 6; wave++)
  await Promise.all(
    Array.from({ length: 250 }, async (_, i) => {
      const id = ids[i % ids.length] ?? '';
      const next = await store.update(id, (s) => ({ ...s, position: s.position + 1 }));
      process.stdout.write(`durable ${id} ${next?.position}\n`);
    }),
  );
