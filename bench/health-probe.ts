// Forked by phase-mixed: probes the bot's `/healthz` from a process of its own, as a load balancer's health check
// does. In the load generator's process a probe's time also holds the generator's own event-loop delays (it signs
// and checks hundreds of requests a second and plays the fake Slack); here it holds only the bot's answer.
// Messages: { url, everyMs } starts a series, { stop: true } ends it and is answered with { times }.
import { probeHealth } from './probe-health.js';

let stop = false;
let series: Promise<number[]> | undefined;
process.on('message', (m: { url?: string; everyMs?: number; stop?: boolean }) => {
  if (m.url) {
    stop = false;
    series = probeHealth(m.url, m.everyMs ?? 50, () => stop);
    return;
  }
  if (!m.stop) return;
  stop = true;
  void series?.then(
    (times) => process.send?.({ times }),
    (error: unknown) => process.send?.({ error: String(error) }),
  );
});
process.send?.({ ready: true });
