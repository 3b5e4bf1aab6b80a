import { catalogFor } from '../i18n/catalog-for.js';
import type { Language } from '../i18n/language.js';
import type { SlackDeps } from './slack-deps.js';

// A store that hangs rather than fails (a database not answering) must not hold an apology that rides in an ack
// past Slack's 3 seconds: the language is waited for this long, then the bot's default is used.
const LANGUAGE_WAIT_MS = 500;

/**
 * The "something went wrong" line for one person, in their language. A listener that already resolved the language
 * passes it, so a failure costs no second store read; otherwise it is read now, and when even that fails or is slow
 * (the store may be what broke) the bot's default is used, because the apology must still go out.
 * @example await apologyFor(deps, 'U0ZH') // '抱歉，我这边出了点问题，请稍后再试。' for someone who chose zh
 */
export async function apologyFor(
  deps: Pick<SlackDeps, 'languageOf' | 'language'>,
  userId: string,
  known?: Language,
): Promise<string> {
  return catalogFor(known ?? (await languageOrDefault(deps, userId))).apology;
}

async function languageOrDefault(deps: Pick<SlackDeps, 'languageOf' | 'language'>, userId: string): Promise<Language> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Language>((resolve) => {
    timer = setTimeout(resolve, LANGUAGE_WAIT_MS, deps.language);
  });
  try {
    return await Promise.race([deps.languageOf(userId).catch(() => deps.language), late]);
  } finally {
    clearTimeout(timer);
  }
}
