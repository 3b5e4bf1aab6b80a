import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isCommandLike } from '../src/flows/parse-command.js';
import { CallbackId, COMMAND, EVENTS } from '../src/slack/ids.js';

// Slack's official v1 manifest schema (MIT, LICENSE beside it), copied from shared/reference.
const SCHEMA = join(import.meta.dirname, 'fixtures/slack-manifest-schema/manifest.schema.1.0.0.json');

type Manifest = {
  features: {
    slash_commands: Array<{ command: string }>;
    shortcuts?: Array<{ callback_id: string }>;
    agent_view?: { agent_description: string; suggested_prompts: Array<{ title: string; message: string }> };
  };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
  oauth_config: { scopes: { bot: string[] } };
};

async function manifest(): Promise<Manifest> {
  return parse(await readFile('manifest.yml', 'utf8')) as Manifest;
}

async function listenerSources(): Promise<string> {
  const dir = 'src/slack/listeners';
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
}

describe('manifest.yml', () => {
  it('is valid against Slack’s official v1 manifest schema', async () => {
    const schema = JSON.parse(await readFile(SCHEMA, 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(await manifest());
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('declares exactly the command and events the code handles', async () => {
    const m = await manifest();
    expect(m.features.slash_commands.map((c) => c.command)).toEqual([COMMAND]);
    expect([...m.settings.event_subscriptions.bot_events].sort()).toEqual([...EVENTS].sort());
    const code = await listenerSources();
    const registeredEvents = [...code.matchAll(/app\.event\('([a-z_.]+)'/g)].map((x) => x[1]);
    // app.message() receives every message.* event the app subscribes to (DMs, and channel threads).
    if (code.includes('app.message(')) registeredEvents.push(...EVENTS.filter((e) => e.startsWith('message.')));
    expect(registeredEvents.sort()).toEqual([...EVENTS].sort());
    // The slash command is answered by a global middleware ahead of Bolt's listener dispatch (commands/index.ts).
    expect(code).toContain('args.command?.command === COMMAND');
  });

  it('enables interactivity because buttons are registered, and declares exactly the shortcuts the code handles', async () => {
    const m = await manifest();
    const code = await listenerSources();
    expect(code).toContain('app.action');
    expect(m.settings.interactivity.is_enabled).toBe(true);
    const registered = [...code.matchAll(/app\.shortcut\(\{[^}]*callback_id: CallbackId\.(\w+)/g)].map(
      (x) => CallbackId[x[1] as keyof typeof CallbackId],
    );
    expect((m.features.shortcuts ?? []).map((s) => s.callback_id).sort()).toEqual(registered.sort());
    expect(registered).toContain('escalate_message');
  });

  it('asks for the scopes the features need', async () => {
    const scopes = (await manifest()).oauth_config.scopes.bot;
    for (const s of ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:read', 'im:write'])
      expect(scopes).toContain(s);
  });

  it('declares the agent view: a description and up to four bilingual prompts the bot answers', async () => {
    const view = (await manifest()).features.agent_view;
    expect(view?.agent_description).toMatch(/[\u4e00-\u9fff]/);
    expect(view?.agent_description).toMatch(/[a-z]{3}/);
    const prompts = view?.suggested_prompts ?? [];
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts.length).toBeLessThanOrEqual(4);
    for (const p of prompts) {
      expect(p.title).toMatch(/[\u4e00-\u9fff].*[A-Za-z]/);
      // Each prompt is sent as a DM: it must be something the bot takes as a command, not a lookup or a relay.
      expect(isCommandLike(p.message), p.message).toBe(true);
    }
  });
});
