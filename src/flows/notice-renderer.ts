import type { Notice, NoticeEvent } from '../domain/notice.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { formatters } from '../i18n/formatters.js';
import type { Language } from '../i18n/language.js';
import type { Announcement, NoticeRenderer } from '../ports.js';

/**
 * Words for channel announcements: headings in the bot's language, and the admin's message in every language it was
 * written in, because a channel's readers are mixed.
 */
export function createNoticeRenderer(language: Language, zone: string): NoticeRenderer {
  const t = catalogFor(language).notices;
  const { time } = formatters(zone);
  return {
    announcement(notice: Notice): Announcement {
      if (notice.kind === 'policy') {
        const lines = [
          t.policyHeading(notice.status, time(notice.startsAt)),
          t.policyAffects(t.invoiceKinds(notice.policy?.invoiceKinds ?? []), notice.functions.map(t.fn).join(', ')),
          ...[notice.message.zh, notice.message.en].filter((m): m is string => Boolean(m?.trim())),
          ...(notice.policy?.link ? [t.link(notice.policy.link)] : []),
        ];
        return { text: lines.join('\n'), context: notice.id };
      }
      const lines = [
        t.heading(t.system(notice.system), t.status(notice.status)),
        t.window(time(notice.startsAt), time(notice.endsAt)),
        t.affects(notice.functions.map(t.fn).join(', ')),
        ...[notice.message.zh, notice.message.en].filter((m): m is string => Boolean(m?.trim())),
      ];
      return { text: lines.join('\n'), context: notice.id };
    },
    event(notice: Notice, event: NoticeEvent): Announcement {
      const at = event.kind === 'extended' ? notice.endsAt : event.at;
      if (notice.kind === 'policy' && event.kind === 'started') return { text: t.policyInEffect, context: notice.id };
      return { text: t.event(event, time(at)), context: notice.id };
    },
  };
}

/**
 * The title a notice gives a maintenance window in the diagnosis: its message, in both languages when it has both.
 * @example noticeTitle({ message: { en: 'Upgrade', zh: '升级' } } as Notice) // '升级 / Upgrade'
 */
export function noticeTitle(notice: Pick<Notice, 'message' | 'id'>): string {
  const parts = [notice.message.zh, notice.message.en]
    .filter((m): m is string => Boolean(m?.trim()))
    .map((m) => m.split('\n')[0] ?? m);
  return parts.length > 0 ? parts.join(' / ') : notice.id;
}
