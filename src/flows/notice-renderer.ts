import type { Notice, NoticeEvent } from '../domain/notice.js';
import { catalogFor } from '../i18n/catalog-for.js';
import { formatters } from '../i18n/formatters.js';
import type { Language } from '../i18n/language.js';
import { hasChinese } from '../lib/normalize-text.js';
import type { Announcement, NoticeRenderer } from '../ports.js';

/**
 * Words for channel announcements. A notice written in both languages is framed (title, when, affects, status) in
 * both, each frame with its own message, because a channel's readers are mixed; one written in a single language is
 * framed in that language; the bot's language is the fallback.
 */
export function createNoticeRenderer(language: Language, zone: string): NoticeRenderer {
  const { time } = formatters(zone);
  const languagesOf = (notice: Notice): Language[] => {
    const written = LANGUAGES.filter((l) => Boolean(notice.message[l]?.trim()));
    return written.length > 0 ? written : [language];
  };
  const frame = (notice: Notice, l: Language): string[] => {
    const t = catalogFor(l).notices;
    const message = notice.message[l]?.trim() ? [notice.message[l] as string] : [];
    if (notice.kind === 'policy')
      return [
        t.policyHeading(notice.status, time(notice.startsAt)),
        t.policyAffects(t.invoiceKinds(notice.policy?.invoiceKinds ?? []), notice.functions.map(t.fn).join(', ')),
        ...message,
        ...(notice.policy?.link ? [t.link(notice.policy.link)] : []),
      ];
    return [
      t.heading(t.system(notice.system), t.status(notice.status)),
      t.window(time(notice.startsAt), time(notice.endsAt)),
      t.affects(notice.functions.map(t.fn).join(', ')),
      ...message,
    ];
  };
  return {
    announcement(notice: Notice): Announcement {
      const text = languagesOf(notice)
        .map((l) => frame(notice, l).join('\n'))
        .join('\n\n');
      return { text, context: notice.id };
    },
    // Thread replies speak the languages the notice was written in, like the announcement they answer: a
    // Chinese-only notice gets Chinese replies whatever the bot's language, a bilingual one both. An update is the
    // admin's own words in one language (it became that language's message), so it is framed once, in that language.
    event(notice: Notice, event: NoticeEvent): Announcement {
      const at = event.kind === 'extended' ? notice.endsAt : event.at;
      const line = (l: Language): string => {
        const t = catalogFor(l).notices;
        return notice.kind === 'policy' && event.kind === 'started' ? t.policyInEffect : t.event(event, time(at));
      };
      const languages =
        event.kind === 'updated' && event.text
          ? ([hasChinese(event.text) ? 'zh' : 'en'] as const)
          : languagesOf(notice);
      return { text: languages.map(line).join('\n'), context: notice.id };
    },
  };
}

// Chinese first, as the admins' form and the notice titles order them.
const LANGUAGES: readonly Language[] = ['zh', 'en'];

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
