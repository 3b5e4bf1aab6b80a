import { type Actor, isAdmin } from '../domain/actor.js';
import { AFFECTED_FUNCTIONS, type AffectedFunction } from '../domain/maintenance-window.js';
import { NOTICE_SYSTEMS, type Notice, type NoticeDraft, type NoticeSystem, validateNotice } from '../domain/notice.js';
import { isListed, isPolicy, POLICY_INVOICE_KINDS, type PolicyInvoiceKind } from '../domain/policy-change.js';
import type { Catalog } from '../i18n/catalog.js';
import { parseLocalTime } from '../lib/time.js';
import type { AuditLog, ConversationMemory } from '../ports.js';
import {
  changeNotice,
  type NoticeChange,
  type NoticeDeps,
  type NoticeError,
  scheduleNotice,
} from '../services/notice-lifecycle.js';
import { makeChoice, type NoticeChoice } from './choices.js';
import type { Reply } from './reply.js';

/** Notice commands in text form (the console, and Slack power users); Slack also offers a modal. */
export type NoticeFlow = {
  list(t: Catalog): Promise<Reply[]>;
  /** The listed policy changes, one line each in the bot's language (the App Home). */
  policyLines(): Promise<string[]>;
  command(actor: Actor, args: string, t: Catalog): Promise<Reply[]>;
  choose(actor: Actor, choice: NoticeChoice, t: Catalog): Promise<Reply[]>;
  /** Shows a draft as it will be posted, with Send / Discard; used by the modal too. */
  preview(actor: Actor, draft: NoticeDraft, t: Catalog): Promise<Reply[]>;
  send(actor: Actor, draft: NoticeDraft, t: Catalog): Promise<Reply[]>;
  /** The announcement text a draft will post, for the modal's preview screen. */
  describe(actor: Actor, draft: NoticeDraft): string;
};

/** What the notice flow needs besides the use cases. */
export type NoticeFlowDeps = NoticeDeps & {
  zone: string;
  announceChannels: readonly string[];
  audit: AuditLog;
  /** How many days after taking effect a policy change stays listed. */
  policyDays: number;
  /** Where previews wait for Send (shared by replicas: the click may land on another one). */
  memory: ConversationMemory;
};

const CHANGES = ['update', 'extend', 'end', 'cancel'] as const;

// A preview not sent within the hour is gone: the admin fills the form again.
const DRAFT_TTL = 3_600_000;

/** Creates the notice flow. Previews wait for an hour in the conversation memory. */
export function createNoticeFlow(deps: NoticeFlowDeps): NoticeFlow {
  const draftKey = (key: string) => `notice-draft:${key}`;

  // Refusals are polite to the user and recorded for the admins.
  async function refuse(actor: Actor, t: Catalog, what: string): Promise<Reply[]> {
    await deps.audit.record({
      at: deps.clock.now().toISOString(),
      user: actor.userId,
      action: 'refused',
      detail: `notice ${what}`.trim(),
    });
    return [{ kind: 'text', text: t.notices.refused }];
  }

  function explain(error: NoticeError, t: Catalog, id = ''): Reply[] {
    switch (error.code) {
      case 'not_allowed':
        return [{ kind: 'text', text: t.notices.refused }];
      case 'invalid':
        return [{ kind: 'text', text: error.problems.map((p) => `• ${t.notices.problem(p)}`).join('\n') }];
      case 'not_found':
        return [{ kind: 'text', text: t.notices.notFound(id) }];
      case 'finished':
        return [{ kind: 'text', text: t.notices.finished(id, t.notices.status(error.status as Notice['status'])) }];
    }
  }

  function parseSchedule(words: string[], t: Catalog): NoticeDraft | Reply[] {
    const [range = '', fns = '', ...rest] = words;
    const [a = '', b = ''] = range.split('..');
    const start = parseLocalTime(a, deps.zone);
    const end = parseLocalTime(b, deps.zone);
    if (!start) return [{ kind: 'text', text: t.notices.badTime(a) }];
    if (!end) return [{ kind: 'text', text: t.notices.badTime(b) }];
    const functions = fns.split(',').filter(Boolean);
    const bad = functions.find((f) => !(AFFECTED_FUNCTIONS as readonly string[]).includes(f));
    if (bad !== undefined) return [{ kind: 'text', text: t.notices.badFunction(bad) }];
    const systemWord = rest.find((w) => w.startsWith('system='))?.slice(7);
    const system: NoticeSystem = (NOTICE_SYSTEMS as readonly string[]).includes(systemWord ?? '')
      ? (systemWord as NoticeSystem)
      : 'einvoice';
    const alreadyStarted = rest.includes('started');
    const text = rest.filter((w) => !w.startsWith('system=') && w !== 'started').join(' ');
    const zh = /[\u4e00-\u9fff]/.test(text);
    return {
      system,
      functions: functions as AffectedFunction[],
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      message: text ? { [zh ? 'zh' : 'en']: text } : {},
      channels: [...deps.announceChannels],
      reminders: [1440, 60],
      alreadyStarted,
    };
  }

  // `notice policy 2026-12-01T00:00 digital,red [functions=red_letter] [link=https://…] explanation`
  function parsePolicy(words: string[], t: Catalog): NoticeDraft | Reply[] {
    const [when = '', kindsText = '', ...rest] = words;
    const effective = parseLocalTime(when, deps.zone);
    if (!effective) return [{ kind: 'text', text: t.notices.badTime(when) }];
    const kinds = kindsText.split(',').filter(Boolean);
    const badKind = kinds.find((k) => !(POLICY_INVOICE_KINDS as readonly string[]).includes(k));
    if (badKind !== undefined) return [{ kind: 'text', text: t.notices.badKind(badKind) }];
    const functions = (rest.find((w) => w.startsWith('functions='))?.slice(10) ?? '').split(',').filter(Boolean);
    const badFunction = functions.find((f) => !(AFFECTED_FUNCTIONS as readonly string[]).includes(f));
    if (badFunction !== undefined) return [{ kind: 'text', text: t.notices.badFunction(badFunction) }];
    const link = rest.find((w) => w.startsWith('link='))?.slice(5);
    const text = rest.filter((w) => !w.startsWith('functions=') && !w.startsWith('link=')).join(' ');
    return {
      kind: 'policy',
      policy: { invoiceKinds: kinds as PolicyInvoiceKind[], ...(link !== undefined ? { link } : {}) },
      system: 'etax',
      functions: functions as AffectedFunction[],
      startsAt: effective.toISOString(),
      endsAt: effective.toISOString(),
      message: text ? { [/[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en']: text } : {},
      channels: [...deps.announceChannels],
      reminders: [],
      alreadyStarted: false,
    };
  }

  function listOf(title: string, notices: Notice[]): Reply {
    return {
      kind: 'list',
      title,
      items: notices.map((n) => ({ text: `${n.id} · ${deps.render.announcement(n).text.split('\n').join(' · ')}` })),
    };
  }

  async function listed(now: Date): Promise<Notice[]> {
    return (await deps.notices.all())
      .filter((n) => isListed(n, now, deps.policyDays))
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }

  const flow: NoticeFlow = {
    async policyLines() {
      return (await listed(deps.clock.now()))
        .filter(isPolicy)
        .map((n) => deps.render.announcement(n).text.split('\n').join(' · '));
    },

    // Maintenance windows until they end; policy changes until `policyDays` after they take effect.
    async list(t) {
      const shown = await listed(deps.clock.now());
      const windows = shown.filter((n) => !isPolicy(n));
      const policies = shown.filter(isPolicy);
      return [
        windows.length > 0 ? listOf(t.notices.listTitle, windows) : { kind: 'text', text: t.notices.none },
        ...(policies.length > 0 ? [listOf(t.notices.policyListTitle, policies)] : []),
      ];
    },

    async command(actor, args, t) {
      const [verb = '', ...words] = args.trim().split(/\s+/).filter(Boolean);
      if (!isAdmin(actor)) return refuse(actor, t, verb);
      if (verb === 'schedule') {
        const draft = parseSchedule(words, t);
        return Array.isArray(draft) ? draft : flow.preview(actor, draft, t);
      }
      if (verb === 'policy' || verb === '政策') {
        const draft = parsePolicy(words, t);
        return Array.isArray(draft) ? draft : flow.preview(actor, draft, t);
      }
      if ((CHANGES as readonly string[]).includes(verb)) {
        const [id = '', ...rest] = words;
        let change: NoticeChange;
        if (verb === 'update') change = { kind: 'update', text: rest.join(' ') };
        else if (verb === 'extend') {
          const end = parseLocalTime(rest[0] ?? '', deps.zone);
          if (!end) return [{ kind: 'text', text: t.notices.badTime(rest[0] ?? '') }];
          change = { kind: 'extend', endsAt: end.toISOString() };
        } else change = verb === 'end' ? { kind: 'end_early' } : { kind: 'cancel' };
        const result = await changeNotice(deps, actor, id, change);
        return result.ok
          ? [{ kind: 'text', text: t.notices.changed(id, t.notices.status(result.value.status)) }]
          : explain(result.error, t, id);
      }
      return [{ kind: 'text', text: t.notices.usage }];
    },

    async preview(actor, draft, t) {
      if (!isAdmin(actor)) return [{ kind: 'text', text: t.notices.refused }];
      const problems = validateNotice(draft, deps.clock.now());
      if (problems.length > 0) return explain({ code: 'invalid', problems }, t);
      // Random, not a counter: replicas must never hand out the same key.
      const key = `${actor.userId}-${crypto.randomUUID().slice(0, 8)}`;
      await deps.memory.set(draftKey(key), JSON.stringify({ userId: actor.userId, draft }), DRAFT_TTL);
      return [
        {
          kind: 'choices',
          text: `${t.notices.preview}\n\n${flow.describe(actor, draft)}`,
          choices: [
            makeChoice({ kind: 'notice', action: 'send', draft: key }, t.notices.send, 'primary'),
            makeChoice({ kind: 'notice', action: 'discard', draft: key }, t.notices.discard),
          ],
        },
      ];
    },

    describe(actor, draft) {
      const { alreadyStarted, ...fields } = draft;
      // A policy change whose effective date has passed is announced as already in effect.
      const started =
        draft.kind === 'policy' ? Date.parse(draft.startsAt) <= deps.clock.now().getTime() : alreadyStarted;
      const status = started ? 'in_progress' : 'scheduled';
      return deps.render.announcement({
        ...fields,
        id: 'NTC-…',
        status,
        createdBy: actor.userId,
        createdAt: '',
        posts: [],
        events: [],
        done: [],
      }).text;
    },

    async send(actor, draft, t) {
      if (!isAdmin(actor)) return refuse(actor, t, 'send');
      const result = await scheduleNotice(deps, actor, draft);
      if (!result.ok) return explain(result.error, t);
      const n = result.value;
      await deps.audit.record({
        at: deps.clock.now().toISOString(),
        user: actor.userId,
        action: 'notice_scheduled',
        notice: n.id,
        detail: `${n.startsAt} – ${n.endsAt}`,
      });
      const failed = n.posts.filter((p) => p.error).length;
      return [
        {
          kind: 'list',
          title: t.notices.report(n.id, n.posts.length - failed, failed),
          items: n.posts.map((p) => ({
            text: p.error ? t.notices.channelFailed(p.channel, p.error) : t.notices.channelOk(p.channel),
          })),
        },
      ];
    },

    async choose(actor, { action, draft: key }, t) {
      const stored = await deps.memory.get(draftKey(key));
      const pending = stored === undefined ? undefined : (JSON.parse(stored) as { userId: string; draft: NoticeDraft });
      // A draft belongs to the admin who wrote it, and is sent at most once (double clicks, re-deliveries): only the
      // click that takes it out of the memory goes on.
      if (!pending || pending.userId !== actor.userId || !(await deps.memory.delete(draftKey(key))))
        return [{ kind: 'text', text: t.notices.draftGone }];
      if (action === 'discard') return [{ kind: 'text', text: t.notices.discarded }];
      return flow.send(actor, pending.draft, t);
    },
  };
  return flow;
}
