import { createHmac } from 'node:crypto';

/** The two headers Slack signs every request with: v0=HMAC-SHA256(secret, `v0:${ts}:${body}`). */
export function slackSignature(
  secret: string,
  body: string,
  timestampSec = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': signature };
}

/** Posts a body to the bot signed exactly as Slack signs it; the answer's status, body and content type. */
export async function postSignedForHeaders(
  url: string,
  body: string,
  contentType: string,
  secret: string,
  opts: { timestampSec?: number; tamper?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; contentType: string | null }> {
  const sig = slackSignature(secret, body, opts.timestampSec);
  if (opts.tamper)
    sig['x-slack-signature'] =
      `${sig['x-slack-signature']?.slice(0, -1)}${sig['x-slack-signature']?.endsWith('0') ? '1' : '0'}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...sig, ...opts.headers },
    body,
  });
  return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') };
}

/** {@link postSignedForHeaders} without the headers: the status and the body. */
export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  secret: string,
  opts: { timestampSec?: number; tamper?: boolean; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  const res = await postSignedForHeaders(url, body, contentType, secret, opts);
  return { status: res.status, body: res.body };
}

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

/** A slash command body (form-encoded). */
export function slashCommand(text: string, responseUrl: string, userId = 'U0HUMAN'): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T0TEAM',
    team_domain: 'fake',
    channel_id: 'C0CHAN',
    channel_name: 'general',
    user_id: userId,
    user_name: 'alice',
    command: '/invoice',
    text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
  }).toString();
}

/** An Events API `event_callback` envelope (JSON). */
export function eventCallback(event: Record<string, unknown>, eventId: string): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [
      { enterprise_id: null, team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

/** A file shared with the bot in the user's DM (a `file_share` message event); `n` makes its ts and event id unique. */
export function fileShare(user: string, file: { id: string; name: string }, n: string): string {
  return eventCallback(
    {
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: `D${user}`,
      user,
      text: '',
      ts: `1700000050.${n}`,
      files: [file],
    },
    `EvFile${n}`,
  );
}

/** A `block_actions` interactivity payload for one button (form-encoded `payload=`). */
export function buttonClick(actionId: string, value: string, responseUrl: string, userId = 'U0HUMAN'): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: '123.456.def',
    user: { id: userId, username: 'alice', name: 'alice', team_id: 'T0TEAM' },
    team: { id: 'T0TEAM', domain: 'fake' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0CHAN', is_ephemeral: true },
    channel: { id: 'C0CHAN', name: 'general' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'b',
        value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A `view_submission` payload (form-encoded `payload=`) for a modal. */
export function viewSubmission(
  callbackId: string,
  values: Record<string, unknown>,
  userId = 'U0HUMAN',
  privateMetadata = '',
  viewId = 'V0FAKE',
): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T0TEAM', domain: 'fake' },
    user: { id: userId, username: 'alice', name: 'alice', team_id: 'T0TEAM' },
    api_app_id: 'A0APP',
    token: 'legacy',
    trigger_id: '123.456.ghi',
    view: {
      id: viewId,
      team_id: 'T0TEAM',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      hash: `hash-${viewId}`,
      state: { values },
      blocks: [],
      title: { type: 'plain_text', text: 'x' },
    },
    response_urls: [],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A message shortcut payload (`message_action`), form-encoded `payload=`. */
export function messageShortcut(callbackId: string, text: string, userId = 'U0HUMAN'): string {
  const payload = {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: '123.456.jkl',
    team: { id: 'T0TEAM', domain: 'fake' },
    user: { id: userId, name: 'alice' },
    channel: { id: 'C0CHAN', name: 'general' },
    message: { type: 'message', user: 'U0OTHER', ts: '1700000009.000900', text },
    message_ts: '1700000009.000900',
    response_url: 'https://hooks.slack.invalid/ignored',
    token: 'legacy',
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The message a slash command's ack carried in its HTTP body (Slack shows it as the answer), or `undefined`. */
export function ackedMessage(res: { body: string }): Record<string, unknown> | undefined {
  return res.body === '' ? undefined : (JSON.parse(res.body) as Record<string, unknown>);
}
