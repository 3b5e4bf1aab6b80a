import { importSourceOfName } from '../../src/domain/import-source.js';
import type { Inbox, InboxFile } from '../../src/ports.js';

/** An inbox held in memory: `drop()` puts a file in as rows; synced files are moved to `doneFiles`. */
export function createMemoryInbox(): Inbox & {
  drop(name: string, source: InboxFile['source'], rows: string[][]): void;
  doneFiles: string[];
  rejectedFiles: Array<{ name: string; problems: string }>;
} {
  const files = new Map<string, InboxFile>();
  const doneFiles: string[] = [];
  const rejectedFiles: Array<{ name: string; problems: string }> = [];
  return {
    doneFiles,
    rejectedFiles,
    drop(name, source, rows) {
      files.set(name, {
        name,
        source,
        async *rows() {
          for (const r of rows) yield r;
        },
      });
    },
    files: async () => [...files.values()],
    async add(name, content) {
      const rows = new TextDecoder()
        .decode(content)
        .trim()
        .split('\n')
        .map((line) => line.split(','));
      files.set(name, {
        name,
        source: importSourceOfName(name),
        rows: async function* () {
          yield* rows;
        },
      });
    },
    async done(name) {
      files.delete(name);
      doneFiles.push(name);
    },
    async reject(name, _now, problems) {
      files.delete(name);
      rejectedFiles.push({ name, problems });
      return { file: `inbox/rejected/${name}`, problems: `inbox/rejected/${name}.problems.txt` };
    },
  };
}
