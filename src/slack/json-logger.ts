import { type Logger, LogLevel } from '@slack/bolt';
import { redact } from '../lib/redact.js';

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * A Bolt logger writing one JSON object per line, with tokens redacted from every message,
 * so log shippers can parse it and a stray error object cannot leak credentials.
 */
export function createJsonLogger(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  initial: LogLevel = LogLevel.INFO,
): Logger {
  let level = initial;
  let name = 'invoice-desk';
  const log =
    (at: LogLevel) =>
    (...msg: unknown[]) => {
      if (ORDER.indexOf(at) < ORDER.indexOf(level)) return;
      const text = msg
        .map((m) => (typeof m === 'string' ? m : m instanceof Error ? `${m.name}: ${m.message}` : JSON.stringify(m)))
        .join(' ');
      write(JSON.stringify({ time: new Date().toISOString(), level: at, name, msg: redact(text) }));
    };
  return {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}
