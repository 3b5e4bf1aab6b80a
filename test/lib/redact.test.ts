import { describe, expect, it } from 'vitest';
import { redact } from '../../src/lib/redact.js';

describe('redact', () => {
  it.each([
    ['token xoxb-123-abc', 'token xox?-[redacted]'],
    ['app xapp-1-A1-2-def here', 'app xapp-[redacted] here'],
    ['connect postgres://bot:s3cret@db:5432/inv failed', 'connect postgres://bot:[redacted]@db:5432/inv failed'],
    ['postgresql://bot:p@ss:w0rd@db/inv', 'postgresql://bot:[redacted]@db/inv'],
    ['postgres://bot@db/inv (no password)', 'postgres://bot@db/inv (no password)'],
  ])('%s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});
