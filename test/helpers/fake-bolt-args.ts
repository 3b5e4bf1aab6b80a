import type { Actor } from '../../src/domain/actor.js';
import type { Conversation } from '../../src/flows/conversation.js';
import type { FlowInput, Reply, Surface } from '../../src/flows/reply.js';
import { createManualClock } from '../../src/lib/clocks.js';
import { readHealth } from '../../src/services/read-health.js';
import type { SlackDeps } from '../../src/slack/slack-deps.js';
import { createMemoryAuditLog, createMemoryDedupeStore } from '../../src/store/memory-state-stores.js';
import { demoCore, demoPorts } from './demo-conversation.js';

/** A conversation that records what it was asked and answers with fixed replies (or throws). */
export function recordingConversation(replies: Reply[] | Error = [{ kind: 'text', text: 'ok' }]) {
  const received: Array<{ actor: Actor; input: FlowInput; surface: Surface }> = [];
  const conversation: Conversation = {
    async receive(actor, input, surface) {
      received.push({ actor, input, surface });
      if (replies instanceof Error) throw replies;
      return replies;
    },
  };
  return { conversation, received };
}

/** Slack deps around a conversation, with finance lead `UFIN`. */
export async function slackDeps(conversation: Conversation): Promise<SlackDeps> {
  const ports = await demoPorts();
  const core = await demoCore(ports);
  return {
    conversation,
    notices: core.notices,
    escalations: core.escalations,
    checklist: core.checklist,
    sync: core.sync,
    botToken: 'xoxb-test',
    apiUrl: 'https://slack.com/api/',
    windows: { windows: async () => [] },
    greetings: ports.greetings,
    languageOf: core.languageOf,
    dashboard: core.dashboard,
    announceChannels: ['C0ANNOUNCE'],
    zone: 'Asia/Shanghai',
    roleOf: (id) => (id === 'UFIN' ? 'finance' : 'employee'),
    dedupe: createMemoryDedupeStore(),
    memory: ports.memory,
    audit: createMemoryAuditLog(),
    clock: createManualClock(new Date('2026-11-27T07:00:00Z')),
    language: 'en',
    health: () => readHealth({ store: ports.store, clock: ports.clock, mode: 'http', staleSyncHours: 48 }),
  };
}

/** The listener arguments Bolt passes, with recording ack (and what it carried)/respond/say and a silent logger. */
export function fakeArgs<T extends Record<string, unknown>>(extra: T) {
  const calls = {
    ack: 0,
    ackBodies: [] as unknown[],
    respond: [] as unknown[],
    say: [] as unknown[],
    errors: [] as unknown[],
  };
  const args = {
    ack: async (body?: unknown) => {
      calls.ack += 1;
      calls.ackBodies.push(body);
    },
    respond: async (m: unknown) => {
      calls.respond.push(m);
    },
    say: async (m: unknown) => {
      calls.say.push(m);
    },
    logger: { error: (...m: unknown[]) => calls.errors.push(m), info: () => {}, warn: () => {}, debug: () => {} },
    ...extra,
  };
  return { args: args as never, calls };
}
