// After the mixed load: what the bot stored on disk (escalations, walk-throughs, the audit trail an admin reads with
// `npm run audit`), compared with what the load generator sent. Read with the bot stopped, through the same stores
// and the same audit reader the bot and its admins use.

import { runAudit } from '../src/cli/audit.js';
import type { ChecklistSession } from '../src/domain/checklist-session.js';
import type { Escalation } from '../src/domain/escalation.js';
import { createLowdbChecklistStore } from '../src/store/lowdb-checklist-store.js';
import { createLowdbEscalationStore } from '../src/store/lowdb-escalation-store.js';
import type { Sent } from './mixed-traffic.js';

/** The state of a data folder that the mixed load changes. */
export type StoredState = {
  escalations: Escalation[];
  sessions: ChecklistSession[];
  /** Audit entries by action and the first two letters of the user id (`lookup UL`: the load's lookups). */
  audit: Map<string, number>;
};

/** Reads the escalations, walk-throughs and audit trail of a data folder no bot is running on. */
export async function readStoredState(dataDir: string): Promise<StoredState> {
  const audit = new Map<string, number>();
  const csv: string[] = [];
  const code = await runAudit(['--since', '2000-01-01'], { DATA_DIR: dataDir }, (line) => csv.push(line));
  if (code !== 0) throw new Error(`npm run audit failed: ${csv.join('\n')}`);
  // at,user,action,…: the first three columns never hold commas or quotes.
  for (const line of csv.slice(1)) {
    const [, user = '', action = ''] = line.split(',');
    const key = `${action} ${user.slice(0, 2)}`;
    audit.set(key, (audit.get(key) ?? 0) + 1);
  }
  return {
    escalations: await (await createLowdbEscalationStore(dataDir)).all(),
    sessions: await (await createLowdbChecklistStore(dataDir)).all(),
    audit,
  };
}

/** Every way the stored state disagrees with what was sent; empty when everything is accounted for. */
export function reconcile(sent: Sent, before: StoredState, after: StoredState): string[] {
  const problems: string[] = [];
  const added = (key: string) => (after.audit.get(key) ?? 0) - (before.audit.get(key) ?? 0);
  const expect = (what: string, actual: number, expected: number) => {
    if (actual !== expected) problems.push(`${what}: ${actual} stored, ${expected} sent`);
  };

  const old = new Set(before.escalations.map((e) => e.id));
  const filed = after.escalations.filter((e) => !old.has(e.id));
  expect('escalations filed', filed.length, sent.escalations.length);
  for (const pair of sent.escalations) {
    const mine = filed.filter((e) => e.invoiceKey === pair.invoiceKey);
    const people = mine.flatMap((e) => [e.requester, ...e.followers]).sort();
    const told = new Set(pair.told);
    if (mine.length !== 1 || people.join() !== [...pair.users].sort().join())
      problems.push(
        `escalation of ${pair.invoiceKey} by ${pair.users.join(' and ')}: stored ${mine.map((e) => `${e.id} (${[e.requester, ...e.followers].join(', ')})`).join('; ') || 'nothing'}`,
      );
    else if (told.size !== 1 || !told.has(mine[0]?.id ?? ''))
      problems.push(
        `escalation of ${pair.invoiceKey}: stored as ${mine[0]?.id}, people were told ${pair.told.join(', ')}`,
      );
    else if (mine[0]?.posts.length !== 1)
      problems.push(`escalation ${mine[0]?.id}: ${mine[0]?.posts.length} posts for finance, expected 1`);
  }
  expect('audit escalation_filed', added('escalation_filed UE'), sent.escalations.length);
  expect('audit escalation_followed', added('escalation_followed UE'), sent.escalations.length);

  const walkers = new Set(sent.walkThroughs.map((w) => w.user));
  const sessions = after.sessions.filter((s) => walkers.has(s.userId));
  expect('walk-throughs', sessions.length, sent.walkThroughs.length);
  const byUser = new Map(sessions.map((s) => [s.userId, s]));
  for (const walk of sent.walkThroughs) {
    const session = byUser.get(walk.user);
    const status = walk.solved ? 'solved' : 'active';
    if (session?.invoiceKey !== walk.invoiceKey || session.status !== status)
      problems.push(
        `walk-through of ${walk.user} (${walk.clicks} clicks): stored ${session ? `${session.invoiceKey} ${session.status}` : 'nothing'}, expected ${walk.invoiceKey} ${status}`,
      );
  }
  expect('audit checklist_solved', added('checklist_solved UW'), sent.walkThroughs.filter((w) => w.solved).length);
  expect('audit lookup', added('lookup UL'), sent.lookups);
  return problems;
}
