/** What `files.info` says about a shared file; only the fields the download decision reads. */
export type SharedFileInfo = {
  name?: string;
  url_private_download?: string;
  is_external?: boolean;
  mode?: string;
  /** Bytes, as Slack reports them; checked before downloading so an oversized file costs no transfer. */
  size?: number;
};

/** Why a shared file was not downloaded. Nothing the other side sent is kept, so nothing of it can be echoed. */
export type DownloadRefusal = 'external' | 'untrusted_host' | 'failed' | 'too_large';

/** The downloaded bytes, or why there are none. */
export type Download = { ok: true; content: Uint8Array } | { ok: false; reason: DownloadRefusal };

/** How a download is made: the bot token, the Web API base URL (its host is trusted too), and the limits. */
export type DownloadOptions = { token: string; apiUrl: string; maxBytes: number; timeoutMs: number };

// Slack serves `url_private_download` from this host; a test or proxy setup serves it from SLACK_API_URL's host.
const SLACK_FILE_HOST = 'https://files.slack.com';

/**
 * True when the bot token may be sent to `url`: Slack's own file host over HTTPS, or exactly the origin of the
 * configured Web API (tests, proxies). Anything else — another host, another port, a userinfo trick — is not Slack.
 * @example isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/a.csv', 'https://slack.com/api/') // true
 * @example isSlackFileUrl('https://evil.example/a.csv', 'https://slack.com/api/') // false
 */
export function isSlackFileUrl(url: string, apiUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return parsed.origin === SLACK_FILE_HOST || parsed.origin === new URL(apiUrl).origin;
}

/**
 * Downloads a file shared with the bot. Only `url_private_download` on Slack's file host is used; external files are
 * refused; redirects are not followed (they could lead anywhere with the token); the request times out; and reading
 * stops at `maxBytes` instead of buffering an unbounded body first.
 */
export async function downloadSharedFile(file: SharedFileInfo, options: DownloadOptions): Promise<Download> {
  const url = file.url_private_download;
  if (file.is_external || file.mode === 'external' || !url) return { ok: false, reason: 'external' };
  if (!isSlackFileUrl(url, options.apiUrl)) return { ok: false, reason: 'untrusted_host' };
  // The declared size is only a first check: the body is still counted below, since it may differ.
  if (typeof file.size === 'number' && file.size > options.maxBytes) return { ok: false, reason: 'too_large' };
  try {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${options.token}` },
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      return { ok: false, reason: 'failed' };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > options.maxBytes) {
        await reader.cancel();
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
    return { ok: true, content: Buffer.concat(chunks) };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}
