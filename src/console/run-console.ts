import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Actor, Role } from '../domain/actor.js';
import type { Conversation } from '../flows/conversation.js';
import type { Choice, FlowInput } from '../flows/reply.js';
import type { Catalog } from '../i18n/catalog.js';
import type { ManualClock } from '../lib/clocks.js';
import { formatLocal } from '../lib/time.js';
import { renderText } from './render-text.js';

/** What the console runtime needs; streams are injected so tests drive it as a transcript. */
export type ConsoleOptions = {
  conversation: Conversation;
  input: Readable;
  output: Writable;
  t: Catalog;
  /** The user id each role acts as. */
  actors: Record<Role, string>;
  /** Present when the clock may be moved (demo data). */
  clock?: ManualClock;
  demo: boolean;
  zone: string;
  /** Runs after `:clock` moves time, so due notice reminders and transitions show up at once. */
  afterClockMove?: () => Promise<void>;
  prompt?: string;
};

const SLASH = /^\/invoice(?:\s+|$)/i;
const STEP = /^\+(\d+)([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Runs the interactive console: the same conversation as Slack, replies as text, choices as numbers. */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { conversation, output, t } = options;
  const rl = createInterface({ input: options.input, terminal: false });
  let actor: Actor = { userId: options.actors.employee, role: 'employee' };
  let choices: Choice[] = [];
  const prompt = options.prompt ?? '> ';
  const write = (text: string) => output.write(`${text}\n${prompt}`);
  write(t.console.intro(actor.role, options.demo));
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      output.write(prompt);
      continue;
    }
    if (line === ':quit' || line === ':q') break;
    if (line === ':help') {
      write(t.console.help);
      continue;
    }
    if (line.startsWith(':as')) {
      const role = line.slice(3).trim() as Role;
      if (role in options.actors) {
        actor = { userId: options.actors[role], role };
        write(t.console.roleSwitched(role, actor.userId));
      } else write(t.console.unknownRole);
      continue;
    }
    if (line.startsWith(':clock')) {
      const shown = moveClock(line.slice(6).trim(), options.clock, t, options.zone);
      await options.afterClockMove?.();
      write(shown);
      continue;
    }
    // `/invoice …` typed as in Slack is the slash command: the same sub-commands and wording.
    const slash = SLASH.exec(line);
    const input: FlowInput =
      /^\d{1,2}$/.test(line) && choices[Number(line) - 1]
        ? { kind: 'choice', choiceId: choices[Number(line) - 1]?.id ?? '' }
        : { kind: 'text', text: slash ? line.slice(slash[0].length) : line };
    const rendered = renderText(await conversation.receive(actor, input, slash ? 'command' : 'console'));
    choices = rendered.choices;
    write(rendered.text);
  }
  rl.close();
}

function moveClock(arg: string, clock: ManualClock | undefined, t: Catalog, zone: string): string {
  if (clock && arg) {
    const step = STEP.exec(arg);
    if (step) clock.advance(Number(step[1]) * UNIT_MS[step[2] as keyof typeof UNIT_MS]);
    else if (!Number.isNaN(Date.parse(arg))) clock.set(new Date(arg));
  }
  return t.console.clock(formatLocal(clock?.now() ?? new Date(), zone));
}
