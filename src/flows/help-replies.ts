import type { Role } from '../domain/actor.js';
import { type Catalog, HELP_GROUPS } from '../i18n/catalog.js';
import { commandNamed } from './parse-command.js';
import type { Reply } from './reply.js';

// Admins may also run syncs and act on escalations, so they see every group.
const VISIBLE: Record<Role, ReadonlyArray<keyof typeof HELP_GROUPS>> = {
  employee: ['employee'],
  finance: ['employee', 'finance'],
  admin: ['employee', 'finance', 'admin'],
};

/**
 * `help` lists the commands the asker may use, grouped by role; `help <command>` explains one with an example.
 * @example helpReplies('employee', 'find', en)[0] // { kind: 'text', text: '`/invoice find …` — …\nFinds invoices …' }
 */
export function helpReplies(role: Role, topic: string | undefined, t: Catalog): Reply[] {
  const g = t.helpGuide;
  const name = topic === undefined ? undefined : commandNamed(topic);
  if (name) return [{ kind: 'text', text: `${g.line[name]}\n${g.detail[name]}` }];
  const groups = VISIBLE[role].map((group) =>
    [g.group[group], ...HELP_GROUPS[group].map((topic) => `• ${g.line[topic]}`)].join('\n'),
  );
  const intro = topic === undefined ? g.intro : g.unknownTopic(topic);
  return [{ kind: 'text', text: [intro, ...groups, g.more].join('\n\n') }];
}
