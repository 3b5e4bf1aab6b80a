// CPU time by thread, from Linux's /proc: the main thread (JavaScript, and the collector's pauses) apart from the
// others (V8's workers: optimizing compiles, concurrent marking, parallel scavenging; libuv's pool). The bench's
// `cpuMsPerCommand` counts all threads; this tells how much of it V8 spent beside the JavaScript.
import { readdirSync, readFileSync } from 'node:fs';

// Clock ticks per second of /proc/<pid>/task/<tid>/stat's utime and stime: 100 on Linux (USER_HZ).
const TICK_MS = 10;

/** CPU milliseconds used so far by this process's main thread and by all its other threads; undefined off Linux. */
export function threadCpuMs(): { main: number; others: number } | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  let main = 0;
  let others = 0;
  for (const task of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    } catch {
      // A thread that ended between the listing and the read.
      continue;
    }
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis): utime is the
    // 14th field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    if (task === String(process.pid)) main += ms;
    else others += ms;
  }
  return { main, others };
}

/** Per-command figures of the threads' CPU between two readings (empty when either is missing). */
export function threadCpuPerCommand(
  before: ReturnType<typeof threadCpuMs>,
  after: ReturnType<typeof threadCpuMs>,
  commands: number,
): { mainThreadCpuMs?: number; otherThreadsCpuMs?: number } {
  if (!before || !after) return {};
  // A thread that ended in between takes its time with it: never below zero.
  const round = (n: number) => Math.round((Math.max(0, n) / commands) * 1000) / 1000;
  return { mainThreadCpuMs: round(after.main - before.main), otherThreadsCpuMs: round(after.others - before.others) };
}
