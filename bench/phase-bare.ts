// Forked by phase-query: the limit the bot is measured against. A bare Bolt app on the same HTTP receiver, the same
// signing secret and the same fake Slack Web API, whose `/invoice` listener only acks (no body, no work). Whatever
// the bot costs beyond this is ours; what this costs is Bolt, Node and the machine.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { startCpuProfile } from './cpu-profile.js';
import { threadCpuMs } from './thread-cpu.js';

type Start = { secret: string; fakeUrl: string };

process.once('message', async ({ secret, fakeUrl }: Start) => {
  const receiver = new HTTPReceiver({ signingSecret: secret, logLevel: LogLevel.ERROR });
  const app = new App({
    token: 'xoxb-bench-bare',
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: `${fakeUrl}/api/` },
    convoStore: false,
  });
  app.command('/invoice', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as unknown as { address(): { port: number } };
  process.send?.({ url: `http://127.0.0.1:${server.address().port}/slack/events` });
  // `{ measure: true }` before the measured run, `{ stop: true }` after it: the answer to each is the CPU time used
  // in between (and, with BENCH_CPU_PROF, a profile of it).
  let stopProfile = async () => {};
  let cpuBefore = process.cpuUsage();
  let threadsBefore = threadCpuMs();
  process.on('message', async (m: { measure?: true; stop?: true }) => {
    if (m.measure) {
      // As the bot's process does before its measured run: what start-up and the warm-up left is collected first.
      (globalThis as { gc?: () => void }).gc?.();
      stopProfile = await startCpuProfile('query-bare-http');
      cpuBefore = process.cpuUsage();
      threadsBefore = threadCpuMs();
      process.send?.({ measuring: true });
      return;
    }
    const cpu = process.cpuUsage(cpuBefore);
    const threadsAfter = threadCpuMs();
    // The threads' CPU in the measured run (main thread apart from V8's workers), as the bot's is reported.
    const threads = threadsBefore &&
      threadsAfter && {
        main: threadsAfter.main - threadsBefore.main,
        others: threadsAfter.others - threadsBefore.others,
      };
    await stopProfile();
    await app.stop();
    process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, threads }, () => process.exit(0));
  });
});
