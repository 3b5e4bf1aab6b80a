import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

// Where a request carries the response it will be answered on, from the receiver's first listener to Bolt's
// `customPropertiesExtractor`: a symbol, so it can clash with no property Node or Bolt sets.
const RESPONSE = Symbol('invoice-desk.response');
type Carrying = IncomingMessage & { [RESPONSE]?: ServerResponse };

/** What Bolt puts in a listener's `context` (from `customPropertiesExtractor`) so it can ack with ready JSON. */
export type JsonAnswerProperties = { readonly [RESPONSE]?: ServerResponse };

/**
 * Wraps the HTTP receiver's listener so each request carries its response until Bolt hands the listener its
 * `context` (see {@link jsonAnswerProperties}).
 */
export function carryResponses(inner: RequestListener): RequestListener {
  return (req, res) => {
    (req as Carrying)[RESPONSE] = res;
    inner(req, res);
  };
}

/** Bolt's `customPropertiesExtractor` part: the request's response, for {@link httpResponseOf}. */
export function jsonAnswerProperties(req: IncomingMessage): JsonAnswerProperties {
  const res = (req as Carrying)[RESPONSE];
  return res ? { [RESPONSE]: res } : {};
}

/**
 * The HTTP response a listener's ack goes out on, from its `context`; undefined in Socket Mode (whose acks travel
 * inside an envelope, so only an object body will do) and where the receiver was not wrapped.
 */
export function httpResponseOf(context: unknown): ServerResponse | undefined {
  return (context as JsonAnswerProperties | undefined)?.[RESPONSE];
}

/**
 * Acks with a body already serialised as JSON, sent as Bolt sends an object body (`content-type:
 * application/json`) but without Bolt's `JSON.stringify`: Bolt answers a string body with `writeHead(200)`, which
 * keeps a header set before it.
 */
export function ackJson(res: ServerResponse, ack: (body: string) => Promise<void>, json: string): Promise<void> {
  res.setHeader('content-type', 'application/json');
  return ack(json);
}
