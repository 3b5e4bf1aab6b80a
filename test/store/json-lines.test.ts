import { describe, expect, it } from 'vitest';
import { JsonLines, LineRefs } from '../../src/store/json-lines.js';

describe('LineRefs', () => {
  it('gives back the texts it refers to, copied, written or adopted across buffers, as texts and as shard bytes', () => {
    // Buffers of 64 bytes: the texts below fill several, and one text is larger than a buffer.
    const log = new JsonLines(64);
    const odd = new LineRefs(log);
    const texts = Array.from({ length: 12 }, (_, i) => JSON.stringify({ i, name: i === 5 ? '北京'.repeat(30) : 'x' }));
    const bytes = new TextEncoder().encode(`${texts.join('\n')}\n`);
    let start = 0;
    const adopted = log.adopt(bytes);
    for (const [i, text] of texts.entries()) {
      if (i % 3 === 0) log.appendBytes(bytes, start, start + Buffer.byteLength(text) + 1);
      else if (i % 3 === 1) log.appendAt(adopted, start, start + Buffer.byteLength(text));
      else log.append(text);
      start += Buffer.byteLength(text) + 1;
      if (i % 2 === 1) odd.addLast();
    }
    const expected = texts.filter((_, i) => i % 2 === 1);
    expect(odd.count).toBe(6);
    expect(odd.texts()).toEqual(expected);
    expect(odd.joined('{"records":[\n', '\n]}\n').toString('utf8')).toBe(`{"records":[\n${expected.join(',\n')}\n]}\n`);
    expect([...log.chunks()].flat()).toEqual(texts);
  });
});
