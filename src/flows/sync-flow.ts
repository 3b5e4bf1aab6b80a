import { type Actor, isFinance } from '../domain/actor.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { catalogFor } from '../i18n/catalog-for.js';
import type { Language } from '../i18n/language.js';
import type { AuditLog } from '../ports.js';
import { type SyncDeps, syncInbox } from '../services/sync-inbox.js';
import { lookupChoice } from './lookup-replies.js';
import { parseFindQuery } from './parse-find-query.js';
import type { Reply } from './reply.js';

const SHOWN = 10;

/** Runs a sync, and takes uploaded export files into the inbox first. */
export type SyncFlow = {
  /** `args` may limit the sync: an issue-date range (`2026-11-01..2026-11-30`) and/or an invoice-type word (`专用`). */
  run(actor: Actor, args: string, language: Language): Promise<Reply[]>;
  /** Export files a finance lead sent the bot in a DM: put them in the inbox, then sync. */
  upload(actor: Actor, files: Array<{ name: string; content: Uint8Array }>, language: Language): Promise<Reply[]>;
};

/** `/invoice sync`: import the inbox and show the reconciliation report, every invoice one click from its card. */
export function createSyncFlow(deps: SyncDeps & { audit: AuditLog; inboxPath: string }): SyncFlow {
  const item = (key: string, extra = '') => {
    const id = keyToId(key);
    return { text: `${formatId(id)}${extra}`, choice: lookupChoice(id, formatId(id)) };
  };
  const run = async (actor: Actor, args: string, language: Language): Promise<Reply[]> => {
    const t = catalogFor(language);
    let keep: { type?: string; dayFrom?: string; dayTo?: string } | undefined;
    if (args.trim()) {
      const parsed = parseFindQuery(args, deps.lookup.zone);
      if (!parsed.ok || parsed.value.total !== undefined) return [{ kind: 'text', text: t.sync.usage }];
      const { name, dayFrom, dayTo } = parsed.value;
      keep = { ...(name ? { type: name } : {}), ...(dayFrom ? { dayFrom } : {}), ...(dayTo ? { dayTo } : {}) };
    }
    const result = await syncInbox(deps, actor, keep);
    if (!result.ok) {
      const e = result.error;
      if (e.code === 'not_allowed') {
        await deps.audit.record({
          at: deps.lookup.clock.now().toISOString(),
          user: actor.userId,
          action: 'refused',
          detail: 'sync',
        });
        return [{ kind: 'text', text: t.sync.refused }];
      }
      if (e.code === 'empty_inbox') return [{ kind: 'text', text: t.sync.empty(deps.inboxPath) }];
      const problems =
        e.error.code === 'invalid_rows'
          ? e.error.problems.slice(0, 20).map((p) => t.import.row(p.row, p.column, t.rowProblem(p.code), p.value))
          : [t.import.empty];
      return [
        {
          kind: 'text',
          text: [t.sync.invalid(e.file, e.error.code === 'invalid_rows' ? e.error.problemCount : 1), ...problems].join(
            '\n',
          ),
        },
      ];
    }
    const r = result.value;
    await deps.audit.record({
      at: deps.lookup.clock.now().toISOString(),
      user: actor.userId,
      action: 'sync',
      detail: r.files.map((f) => f.name).join(', '),
    });
    const rows = r.files.reduce((n, f) => n + f.summary.rows, 0);
    const replies: Reply[] = [
      {
        kind: 'text',
        text: [
          t.sync.done(r.files.length, rows, r.backup),
          ...r.files.map((f) => `• ${t.sync.file(f.name, f.summary.rows, f.summary.added, f.summary.changed)}`),
        ].join('\n'),
      },
    ];
    if (r.visible.length)
      replies.push({
        kind: 'list',
        title: t.sync.visible(r.visible.length),
        items: r.visible.slice(0, SHOWN).map((k) => item(k)),
      });
    if (r.changed.length)
      replies.push({
        kind: 'list',
        title: t.sync.changed(r.changed.length),
        items: r.changed.slice(0, SHOWN).map((c) => item(c.key, ` — ${c.from} → ${c.to}`)),
      });
    if (r.missing.length) {
      const byRequester = [...r.missing].sort((a, b) => (a.requester ?? '~').localeCompare(b.requester ?? '~'));
      replies.push({
        kind: 'list',
        title: t.sync.missing(r.missing.length),
        items: byRequester
          .slice(0, SHOWN)
          .map((m) => item(m.key, m.requester ? ` — ${t.sync.missingFor(`@{${m.requester}}`)}` : '')),
      });
    }
    if (r.disagreements.length)
      replies.push({
        kind: 'list',
        title: t.sync.disagreements(r.disagreements.length),
        items: r.disagreements.slice(0, SHOWN).map((d) => item(d.key, ` — ${d.cause}`)),
      });
    if (r.watchersNotified) replies.push({ kind: 'text', text: t.sync.watchers(r.watchersNotified) });
    return replies;
  };

  return {
    run,
    async upload(actor, files, language) {
      const t = catalogFor(language);
      if (!isFinance(actor)) return run(actor, '', language);
      const unusable = files.find((f) => !IMPORT_FILE.test(f.name));
      if (unusable) return [{ kind: 'text', text: t.import.unsupported(unusable.name) }];
      for (const f of files) await deps.inbox.add(f.name, f.content);
      return run(actor, '', language);
    },
  };
}

const IMPORT_FILE = /\.(csv|xlsx)$/i;
