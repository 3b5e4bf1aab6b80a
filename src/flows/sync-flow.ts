import { type Actor, isFinance } from '../domain/actor.js';
import { formatId, keyToId } from '../domain/identifier.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { formatters } from '../i18n/formatters.js';
import type { Language } from '../i18n/language.js';
import { neutraliseMentions } from '../lib/mrkdwn.js';
import { StoreBusyError } from '../lib/store-busy-error.js';
import type { AuditLog } from '../ports.js';
import type { ImportError } from '../services/import-records.js';
import { type RejectedFile, type SyncDeps, syncInbox } from '../services/sync-inbox.js';
import { importErrorLines, importProblemCount } from './import-error-lines.js';
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
  // One sync at a time: two would validate, back up and rename the same inbox files under each other. A second
  // request is refused with who runs the current one (not queued: its files are still in the inbox, and the lead
  // can look at the first report before syncing again).
  let running: { by: string; at: string } | undefined;
  const item = (key: string, extra = '') => {
    const id = keyToId(key);
    return { text: `${formatId(id)}${extra}`, choice: lookupChoice(id, formatId(id)) };
  };
  const run = async (actor: Actor, args: string, language: Language): Promise<Reply[]> => {
    const t = catalogFor(language);
    let keep: { type?: string; dayFrom?: string; dayTo?: string } | undefined;
    if (args.trim()) {
      const parsed = parseFindQuery(args, deps.lookup.zone);
      // A reversed range or a date that is not one is named, and nothing is synced: the lead meant a limit.
      if (!parsed.ok && parsed.error.code === 'reversed_range')
        return [{ kind: 'text', text: `${t.rangeReversed(parsed.error.from, parsed.error.to)} ${t.sync.unchanged}` }];
      if (!parsed.ok && parsed.error.code === 'bad_date')
        return [{ kind: 'text', text: `${t.find.badDate(parsed.error.text)} ${t.sync.unchanged}` }];
      if (!parsed.ok || parsed.value.total !== undefined) return [{ kind: 'text', text: t.sync.usage }];
      const { name, dayFrom, dayTo } = parsed.value;
      keep = { ...(name ? { type: name } : {}), ...(dayFrom ? { dayFrom } : {}), ...(dayTo ? { dayTo } : {}) };
    }
    if (running && isFinance(actor))
      return [{ kind: 'text', text: t.sync.busy(`@{${running.by}}`, formatters(deps.lookup.zone).time(running.at)) }];
    const describe = (file: string, error: ImportError) => {
      const at = formatters(deps.lookup.zone).time(deps.lookup.clock.now().toISOString());
      return [t.sync.problemsHeader(file, at), ...importErrorLines(t, error, 1000)].join('\n');
    };
    if (isFinance(actor)) running = { by: actor.userId, at: deps.lookup.clock.now().toISOString() };
    let result: Awaited<ReturnType<typeof syncInbox>>;
    try {
      result = await syncInbox(deps, actor, { ...(keep ? { keep } : {}), describe });
    } catch (error) {
      if (error instanceof StoreBusyError) return [{ kind: 'text', text: t.sync.storeBusy }];
      throw error;
    } finally {
      running = undefined;
    }
    // File names are text someone typed: a file dropped into the inbox folder never passed a listener that defuses
    // mentions. The catalogue lines that carry them have no `@{…}` marker of their own, so the whole line is defused.
    const rejected = (list: RejectedFile[]) =>
      list.map((r) =>
        [
          neutraliseMentions(t.sync.rejected(r.name, importProblemCount(r.error), r.movedTo, r.problems)),
          ...importErrorLines(t, r.error, 5),
        ].join('\n'),
      );
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
      return [{ kind: 'text', text: [t.sync.noneSynced, ...rejected(e.rejected)].join('\n\n') }];
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
          ...r.files.map(
            (f) =>
              `• ${neutraliseMentions(t.sync.file(f.name, f.summary.rows, f.summary.added, f.summary.changed))}${f.summary.period ? ` ${t.deduction.imported(f.summary.period)}` : ''}`,
          ),
        ].join('\n'),
      },
      ...rejected(r.rejected).map((text): Reply => ({ kind: 'text', text })),
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
      if (unusable) return [{ kind: 'text', text: neutraliseMentions(t.import.unsupported(unusable.name)) }];
      for (const f of files) await deps.inbox.add(f.name, f.content);
      return run(actor, '', language);
    },
  };
}

const IMPORT_FILE = /\.(csv|xlsx)$/i;
