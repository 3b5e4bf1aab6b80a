import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

type Fetch = typeof globalThis.fetch;

/**
 * A `fetch` for Bolt's `respond()` and Web API calls (`clientOptions.fetch`) that sends a request whose body is a
 * string or bytes over `node:http`/`node:https` with keep-alive connections, and hands anything else (a form with
 * files, a stream, headers given as a `Headers` object) to `fallback`, the global `fetch`.
 *
 * Why: every button click is answered through its `response_url`, and Node's own `fetch` (undici) builds a request
 * object, an abort signal, a cloned body and readable streams for each — about 40 KB allocated per click, much of
 * it kept until Slack answers, so it outlived young-generation collections and was copied into the old generation.
 * That was a sixth of the bot's allocation and half of what it promoted under issue 11's mixed load
 * (docs/benchmarks.md, health11), and each collection pauses the event loop that `/healthz` is answered on.
 *
 * The answer is read whole (Slack's answers are small JSON) into a {@link Response}-compatible object: `ok`,
 * `status`, `statusText`, `url`, `headers`, `text()`, `json()`, `arrayBuffer()`; `body`, `blob()`, `formData()`,
 * `bytes()` and `clone()` go through a real `Response` built on first use. As `fetch` does, it rejects with a
 * `TypeError` ("fetch failed", the cause attached) when the connection fails or stays silent for `quietMs` (300 s,
 * as undici's timeouts), with the signal's reason when aborted,
 * and with a `TypeError` for a redirect when `redirect: 'error'`; with `redirect: 'follow'` (the default) the
 * redirect is followed through `fallback` as fetch follows it.
 * @example
 * const app = new App({ token, receiver, clientOptions: { fetch: createHttpFetch() } });
 */
export function createHttpFetch(fallback: Fetch = globalThis.fetch, options: { quietMs?: number } = {}): Fetch {
  // As undici's fetch, which gives up on a connection silent for 300 s (its headers and body timeouts).
  const { quietMs = 300_000 } = options;
  // With a socket timeout set, the agent closes an idle connection a second before the server's announced
  // `Keep-Alive: timeout=…` (Node's http server: 5 s), instead of reusing one the server is closing.
  const kept = { keepAlive: true, timeout: 60_000 };
  const agents = { 'http:': new HttpAgent(kept), 'https:': new HttpsAgent(kept) };
  return (async (input: Parameters<Fetch>[0], init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const body = init.body;
    const plainHeaders =
      init.headers === undefined ||
      (typeof init.headers === 'object' && !Array.isArray(init.headers) && !(init.headers instanceof Headers));
    const plainBody = body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
    const target = url === undefined ? undefined : new URL(url);
    if (!target || !(target.protocol in agents) || !plainHeaders || !plainBody) return fallback(input, init);
    const answer = await send(target, init, agents[target.protocol as keyof typeof agents], quietMs);
    const location = answer.status >= 300 && answer.status < 400 ? answer.headers.get('location') : null;
    if (location !== null && init.redirect !== 'manual') {
      if (init.redirect === 'error') throw new TypeError('fetch failed', { cause: new Error('unexpected redirect') });
      // Followed as fetch follows it: 307 and 308 repeat the request there, the others turn a POST into a GET.
      const next = new URL(location, target).href;
      const same = answer.status === 307 || answer.status === 308 || init.method === undefined || init.method === 'GET';
      return fallback(next, same ? init : { ...init, method: 'GET', body: null });
    }
    return answer as unknown as Response;
  }) as Fetch;
}

function send(target: URL, init: RequestInit, agent: HttpAgent, quietMs: number): Promise<HttpResponse> {
  const body = init.body as string | Uint8Array | null | undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>))
    headers[name.toLowerCase()] = String(value);
  if (body !== undefined && body !== null) {
    // As fetch does for a string body without a declared type.
    if (typeof body === 'string' && headers['content-type'] === undefined)
      headers['content-type'] = 'text/plain;charset=UTF-8';
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  }
  return attempt({ target, init, agent, headers, quietMs }, 1);
}

// Node's advice for keep-alive: a request written to a reused connection that the server closed meanwhile fails
// with a reset before any answer; the server never read it, so it is sent once more on a fresh connection.
const RESET = new Set(['ECONNRESET', 'EPIPE']);

type Call = { target: URL; init: RequestInit; agent: HttpAgent; headers: Record<string, string>; quietMs: number };

function attempt(call: Call, retries: number): Promise<HttpResponse> {
  const { target, init, agent, headers } = call;
  const body = init.body as string | Uint8Array | null | undefined;
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    // Options rather than the URL object, which http.request would turn into the same options first.
    const req = request({
      protocol: target.protocol,
      hostname: target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      auth: target.username
        ? `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`
        : undefined,
      method: init.method ?? 'GET',
      headers,
      agent,
    });
    const onAbort = () => req.destroy(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let answered = false;
    const failed = (error: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!signal?.aborted && !answered && retries > 0 && req.reusedSocket && RESET.has(code))
        resolve(attempt(call, retries - 1));
      else reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    };
    req.once('error', failed);
    req.setTimeout(call.quietMs, () => req.destroy(new Error(`no answer for ${call.quietMs} ms`)));
    req.once('response', (res: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', failed);
      res.once('end', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(new HttpResponse(target.href, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      });
    });
    req.end(body ?? undefined);
  });
}

/** The answer, read whole: the part of `Response` that Bolt and the Web API client read, and the rest on demand. */
class HttpResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly #raw: string[];
  #headers: Headers | undefined;
  readonly redirected = false;
  readonly type = 'basic';
  bodyUsed = false;
  #real: Response | undefined;

  readonly #bytes: Buffer;

  constructor(
    readonly url: string,
    res: IncomingMessage,
    bytes: Buffer = Buffer.alloc(0),
  ) {
    this.#bytes = bytes;
    this.status = res.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status < 300;
    this.statusText = res.statusMessage ?? '';
    this.#raw = res.rawHeaders;
  }

  // Built on first use: Bolt's respond() reads only `ok` and `status`.
  get headers(): Headers {
    if (this.#headers) return this.#headers;
    const headers = new Headers();
    for (let i = 0; i < this.#raw.length; i += 2) headers.append(this.#raw[i] as string, this.#raw[i + 1] as string);
    this.#headers = headers;
    return headers;
  }

  #take(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    return this.#bytes;
  }
  // A real Response over the same bytes, for the members read rarely (a stream, a blob, a clone).
  #response(): Response {
    const status = this.status;
    // Response refuses a body with these statuses (and any status outside 200–599 at all).
    const noBody = status === 101 || status === 204 || status === 205 || status === 304;
    this.#real ??= new Response(noBody ? null : this.#bytes, {
      status: status >= 200 && status <= 599 ? status : 200,
      statusText: this.statusText,
      headers: this.headers,
    });
    return this.#real;
  }
  get body(): ReadableStream<Uint8Array> | null {
    return this.#response().body;
  }
  async text(): Promise<string> {
    return this.#take().toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.#take().toString('utf8'));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }
  async blob(): Promise<Blob> {
    return new Blob([this.#take()], { type: this.headers.get('content-type') ?? '' });
  }
  formData(): Promise<FormData> {
    return this.#response().formData();
  }
  clone(): Response {
    return this.#response().clone();
  }
}
