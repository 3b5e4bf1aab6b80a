import { expect, it } from 'vitest';
import type { Reply } from '../../../src/flows/reply.js';
import { replyMessageJson } from '../../../src/slack/blocks/reply-message-json.js';

// The writer keeps its pieces in one array from call to call: a message it gave up on part-way (a reply it could not
// write) must leave nothing that a later, shorter answer to someone else would carry.
it('writes the next answer alone after one that failed part-way, with nothing of the other person’s reply', () => {
  const earlier = Array.from({ length: 5 }, (_, i): Reply => ({ kind: 'text', text: `someone else's invoice ${i}` }));
  // A card without its timeline: writing stops inside the card, after the texts' pieces.
  const broken = {
    title: 'T',
    diagnosis: { headline: 'h', evidence: [], next: 'n' },
    fields: [],
    actions: [],
    footer: [],
  };
  expect(() => replyMessageJson([...earlier, { kind: 'invoice', card: broken } as never], 'ephemeral')).toThrow();
  const json = replyMessageJson([{ kind: 'text', text: 'hi' }], 'ephemeral');
  expect(json).toBe(
    '{"response_type":"ephemeral","text":"hi","blocks":[{"type":"section","text":{"type":"mrkdwn","text":"hi"}}]}',
  );
});
