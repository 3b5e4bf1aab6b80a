import { Agent } from 'node:http';
import { send } from './http-client.js';

/**
 * GET `url` (the bot's `/healthz`) on a connection of its own, one probe at a time, one every `everyMs`, until
 * `until()` says stop; resolves with each probe's time in ms, from sending to the last byte of the answer.
 */
export async function probeHealth(url: string, everyMs: number, until: () => boolean): Promise<number[]> {
  const via = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  while (!until()) {
    const t = performance.now();
    const res = await send(url, { method: 'GET', via });
    times.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`/healthz answered HTTP ${res.status}`);
    await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (performance.now() - t))));
  }
  via.destroy();
  return times;
}
