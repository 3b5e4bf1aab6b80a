// Forked by phase-query: the limit the bot is measured against. A bare Bolt app on the same HTTP receiver, the same
// signing secret and the same fake Slack Web API, whose `/invoice` listener only acks (no body, no work). Whatever
// the bot costs beyond this is ours; what this costs is Bolt, Node and the machine.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

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
  process.once('message', async () => {
    await app.stop();
    process.exit(0);
  });
});
