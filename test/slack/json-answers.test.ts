import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ackJson, carryResponses, httpResponseOf, jsonAnswerProperties } from '../../src/slack/json-answers.js';

// A response that records the headers set on it.
function response() {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse;
  return { res, headers };
}

describe('json answers', () => {
  it('hands the request’s response through Bolt’s custom properties to the listener’s context', () => {
    const req = {} as IncomingMessage;
    const { res } = response();
    let passed: [IncomingMessage, ServerResponse] | undefined;
    carryResponses((r, s) => {
      passed = [r, s];
    })(req, res);
    expect(passed).toEqual([req, res]);
    // As Bolt builds a listener's context: the custom properties spread after its own.
    const context = { teamId: 'T1', ...jsonAnswerProperties(req) };
    expect(httpResponseOf(context)).toBe(res);
    expect(Object.keys(context)).toEqual(['teamId']);
  });

  it('finds no response where none was carried (Socket Mode, or a receiver not wrapped)', () => {
    expect(jsonAnswerProperties({} as IncomingMessage)).toEqual({});
    expect(httpResponseOf({ teamId: 'T1', ...jsonAnswerProperties({} as IncomingMessage) })).toBe(undefined);
    expect(httpResponseOf(undefined)).toBe(undefined);
  });

  it('acks with the JSON text as it is, marked as JSON', async () => {
    const { res, headers } = response();
    const acked: string[] = [];
    await ackJson(res, async (body) => void acked.push(body), '{"text":"hi"}');
    expect(acked).toEqual(['{"text":"hi"}']);
    expect(headers).toEqual({ 'content-type': 'application/json' });
  });
});
