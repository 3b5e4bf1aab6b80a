import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One bot process started by {@link startReplica}. */
export type Replica = {
  port: number;
  /** Moves its clock on by `advance` ms and/or runs its scheduled work now; resolves with what the tick sent. */
  command(command: { advance?: number; tick?: boolean }): Promise<number>;
  /** SIGKILL: the process dies at once, mid-request or mid-tick, with nothing flushed or released. */
  kill(): Promise<void>;
  /** Stops the bot as SIGTERM would (listeners closed, logs flushed, DATA_DIR lock released) and waits for the exit. */
  stop(): Promise<void>;
};

/**
 * Starts the real bot in a child process (`test/helpers/replica-child.ts`) with `env` as its whole environment and
 * a manual clock at `start`; resolves once it listens.
 */
export function startReplica(env: Record<string, string>, start: Date): Promise<Replica> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/helpers/replica-child.ts', start.toISOString()],
    {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let next = 0;
  const waiting = new Map<number, (count: number) => void>();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`replica exited with ${code} before it listened`)));
    child.on('message', (message: { port?: number; id?: number; count?: number }) => {
      if (message.port) {
        resolve({
          port: message.port,
          command: (command) =>
            new Promise((done) => {
              next += 1;
              waiting.set(next, done);
              child.send({ id: next, ...command });
            }),
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.send({ id: 0, stop: true });
            await exited;
          },
        });
      } else if (message.id !== undefined) waiting.get(message.id)?.(message.count ?? 0);
    });
  });
}

/** A round-robin HTTP load balancer in front of replicas: which one took each request is in `served`. */
export type LoadBalancer = { url: string; served: number[]; close(): Promise<void> };

/**
 * Forwards each request, headers and body untouched, to the next replica in turn. A replica that refuses the
 * connection (killed) is skipped from then on and the request goes to the next, as a load balancer's health check
 * would do.
 */
export async function startRoundRobinProxy(ports: number[]): Promise<LoadBalancer> {
  const alive = ports.map(() => true);
  const served: number[] = [];
  let turn = 0;
  const forward = (port: number, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const out = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const first = turn;
    turn += 1;
    for (let k = 0; k < ports.length; k++) {
      const i = (first + k) % ports.length;
      const port = ports[i];
      if (!alive[i] || port === undefined) continue;
      try {
        const answer = await forward(port, req.method ?? 'POST', req.url ?? '/', req.headers, body);
        served.push(i);
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
        return;
      } catch {
        alive[i] = false;
      }
    }
    res.writeHead(502);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
