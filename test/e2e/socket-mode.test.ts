import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { loadConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.js';

describe('Socket Mode end to end (fake apps.connections.open + local WebSocket)', () => {
  let wss: WebSocketServer;
  let socket: WebSocket | undefined;
  let fake: FakeSlackApi;
  let bot: RunningBot;
  let dataDir: string;
  const received: Array<Record<string, unknown>> = [];
  let appTokenSeen: string | undefined;

  beforeAll(async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const address = wss.address() as { port: number };
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'fake' },
          connection_info: { app_id: 'A0APP' },
        }),
      );
    });
    fake = await startFakeSlackApi({
      'apps.connections.open': () => ({ ok: true, url: `ws://127.0.0.1:${address.port}/link` }),
    });
    dataDir = await mkdtemp(join(tmpdir(), 'invoice-desk-socket-'));
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-socket-test',
      SLACK_APP_TOKEN: 'xapp-1-socket-test',
      SLACK_API_URL: `${fake.url}/api/`,
      DATA_DIR: dataDir,
    });
    bot = await startBot(config, { log: () => {} });
    appTokenSeen = fake.callsTo('apps.connections.open')[0]?.authorization;
  });

  afterAll(async () => {
    await bot?.stop();
    await new Promise<void>((r) => wss.close(() => r()));
    await fake?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the connection with the app-level token', () => {
    expect(appTokenSeen).toBe('Bearer xapp-1-socket-test');
  });

  it('acks a slash command envelope with the answer as its payload', async () => {
    socket?.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/invoice',
          text: 'help',
          user_id: 'U0HUMAN',
          channel_id: 'C0CHAN',
          team_id: 'T0TEAM',
          response_url: `${fake.url}/response/socket`,
          trigger_id: 't',
        },
      }),
    );
    const deadline = Date.now() + 8000;
    while (!received.some((m) => m.envelope_id === 'env-1') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const acked = received.find((m) => m.envelope_id === 'env-1');
    expect(JSON.stringify(acked?.payload)).toContain('/invoice find');
    expect(fake.callsTo('response_url')).toEqual([]);
  });
});
