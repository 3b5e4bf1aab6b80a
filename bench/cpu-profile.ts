// BENCH_CPU_PROF=1: a V8 CPU profile of one stretch of a phase (e.g. the slash-command run alone, without the load
// and lookups before it), written to bench/.prof/<name>.cpuprofile for Chrome DevTools or `bench/prof-summary.ts`.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Starts profiling this process when BENCH_CPU_PROF is set; the returned function stops and writes the profile. */
export async function startCpuProfile(name: string): Promise<() => Promise<void>> {
  if (!process.env.BENCH_CPU_PROF) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    const dir = join(import.meta.dirname, '.prof');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}
