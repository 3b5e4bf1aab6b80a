/**
 * Child-process harness for the crash tests, preloaded with
 * `node --import tsx --import ./test/helpers/crash-point.ts src/…`. It never replaces our modules: it wraps Node's
 * own `fs/promises` to number every operation that changes `CRASH_ROOT` (the DATA_DIR), and just before operation
 * number `CRASH_AT` (or at exit when `CRASH_AT=exit`) it ends the process the way `CRASH_MODE` says:
 *
 * - `kill`: SIGKILL. The kernel's page cache keeps everything written so far.
 * - `power`: a power cut on a file system that journals names but not data (ext4 `data=writeback`, the classic
 *   zero-length-file crash): renames and new files stay, but each file keeps only what was fsynced of it.
 * - `power-dirs`: as `power`, and every rename whose folders were not fsynced after it is undone too (a folder's
 *   entries reach the disk only when the folder is fsynced).
 *
 * It models the worst a disk may keep, file by file: created files and removals that were not flushed are kept as
 * done (an optimistic simplification). `CRASH_TRACE` names a file that gets one line per numbered operation, so a
 * full run tells how many kill points there are. Only this child process is affected; vitest never loads this file.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';

const root = resolve(process.env.CRASH_ROOT ?? '/nonexistent');
const crashAt = process.env.CRASH_AT ?? '';
const mode = process.env.CRASH_MODE ?? 'kill';
const trace = process.env.CRASH_TRACE;

/** Files written since their last fsync, and how many of their first bytes a power cut keeps. */
const unsynced = new Map<string, number>();
/** Renames whose folders were not all fsynced since; a power cut in `power-dirs` mode undoes them. */
const renames: Array<{ from: string; to: string; dirs: Set<string>; replaced?: { data: Buffer; kept?: number } }> = [];
const opened = new WeakMap<FileHandle, { path: string; dir: boolean }>();
let count = 0;

const inside = (path: string) => path === root || path.startsWith(root + sep);
const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

function step(operation: string, path: string): void {
  if (!inside(path)) return;
  count += 1;
  if (trace) appendFileSync(trace, `${count} ${operation} ${path.slice(root.length + 1)}\n`);
  if (crashAt === String(count)) crash();
}

function crash(): never {
  if (mode !== 'kill') powerCut();
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

/** Moves what is known about `from` (a file, or a folder and everything under it) to `to`. */
function moveUnsynced(from: string, to: string): void {
  unsynced.delete(to);
  for (const [path, kept] of [...unsynced]) {
    if (path !== from && !path.startsWith(from + sep)) continue;
    unsynced.delete(path);
    unsynced.set(to + path.slice(from.length), kept);
  }
}

function powerCut(): void {
  if (mode === 'power-dirs') {
    for (const r of renames.reverse()) {
      if (!existsSync(r.to)) continue;
      mkdirSync(dirname(r.from), { recursive: true });
      renameSync(r.to, r.from);
      moveUnsynced(r.to, r.from);
      if (r.replaced) {
        writeFileSync(r.to, r.replaced.data);
        if (r.replaced.kept !== undefined) unsynced.set(r.to, r.replaced.kept);
      }
    }
  }
  for (const [path, kept] of unsynced) if (existsSync(path) && sizeOf(path) > kept) truncateSync(path, kept);
}

function unsyncedTree(path: string): void {
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) unsyncedTree(join(path, name));
  else unsynced.set(path, 0);
}

type Fsp = typeof fsp;
const original = { ...fsp };

const patched: Partial<Fsp> = {
  async open(path, flags, ...rest) {
    const file = resolve(String(path));
    const how = typeof flags === 'string' ? flags : 'r';
    if (/[wa+]/.test(how)) step(`open ${how}`, file);
    const before = sizeOf(file);
    const handle = await original.open(path, flags, ...rest);
    if (inside(file)) {
      opened.set(handle, { path: file, dir: statSync(file).isDirectory() });
      // `w` empties the file (a power cut keeps nothing of it); `a` keeps what was there; `r+` changes nothing yet.
      if (how.includes('w')) unsynced.set(file, 0);
      else if (how.includes('a')) unsynced.set(file, unsynced.get(file) ?? before);
    }
    return handle;
  },
  async writeFile(path, data, options) {
    if (typeof path !== 'string') return original.writeFile(path, data, options);
    const file = resolve(path);
    step('writeFile', file);
    await original.writeFile(path, data, options);
    if (inside(file)) unsynced.set(file, 0);
  },
  async appendFile(path, data, options) {
    if (typeof path !== 'string') return original.appendFile(path, data, options);
    const file = resolve(path);
    step('appendFile', file);
    const before = sizeOf(file);
    await original.appendFile(path, data, options);
    if (inside(file)) unsynced.set(file, unsynced.get(file) ?? before);
  },
  async rename(from, to) {
    const [a, b] = [resolve(String(from)), resolve(String(to))];
    step('rename', b);
    const replaced =
      inside(b) && existsSync(b) && statSync(b).isFile()
        ? { data: readFileSync(b), ...(unsynced.has(b) ? { kept: unsynced.get(b) } : {}) }
        : undefined;
    await original.rename(from, to);
    if (!inside(b)) return;
    moveUnsynced(a, b);
    renames.push({ from: a, to: b, dirs: new Set([dirname(a), dirname(b)]), ...(replaced ? { replaced } : {}) });
  },
  async rm(path, options) {
    const file = resolve(String(path));
    step('rm', file);
    await original.rm(path, options);
    for (const known of [...unsynced.keys()])
      if (known === file || known.startsWith(file + sep)) unsynced.delete(known);
  },
  async unlink(path) {
    const file = resolve(String(path));
    step('unlink', file);
    await original.unlink(path);
    unsynced.delete(file);
  },
  async cp(source, destination, options) {
    const file = resolve(String(destination));
    step('cp', file);
    await original.cp(source, destination, options);
    if (inside(file)) unsyncedTree(file);
  },
};
Object.assign(fsp, patched);
syncBuiltinESMExports();

// FileHandle methods live on its prototype; a handle on a temp file tells us where it is.
const probe = await original.open(import.meta.filename ?? process.argv[1] ?? '.', 'r');
const proto = Object.getPrototypeOf(probe) as FileHandle;
await probe.close();
const handleMethods = { writeFile: proto.writeFile, write: proto.write, appendFile: proto.appendFile };
for (const [name, method] of Object.entries(handleMethods)) {
  Object.defineProperty(proto, name, {
    configurable: true,
    writable: true,
    value(this: FileHandle, ...args: unknown[]) {
      const info = opened.get(this);
      if (info) step(`handle.${name}`, info.path);
      // A handle can write again after a sync: what a power cut keeps is the file as it was last synced.
      if (info && !info.dir && !unsynced.has(info.path)) unsynced.set(info.path, sizeOf(info.path));
      return (method as (...a: unknown[]) => unknown).apply(this, args);
    },
  });
}
for (const name of ['sync', 'datasync'] as const) {
  const method = proto[name];
  Object.defineProperty(proto, name, {
    configurable: true,
    writable: true,
    async value(this: FileHandle) {
      const info = opened.get(this);
      if (info) step(`handle.${name}`, info.path);
      await method.call(this);
      if (!info) return;
      if (!info.dir) unsynced.delete(info.path);
      else
        for (const r of [...renames]) {
          r.dirs.delete(info.path);
          if (r.dirs.size === 0) renames.splice(renames.indexOf(r), 1);
        }
    },
  });
}

process.on('exit', () => {
  if (crashAt === 'exit' && mode !== 'kill') powerCut();
});
