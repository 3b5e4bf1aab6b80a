/** Text as Excel in China saves CSV: GBK. Node's ICU decodes GBK but has no encoder, so every two-byte code is decoded once. */
export function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const codes = new Map<string, number>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++)
      codes.set(decoder.decode(Uint8Array.of(lead, trail)), (lead << 8) | trail);
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const gbk = code < 0x80 ? code : codes.get(ch);
    if (gbk === undefined) throw new Error(`no GBK code for ${ch}`);
    if (gbk < 0x80) bytes.push(gbk);
    else bytes.push(gbk >> 8, gbk & 0xff);
  }
  return Buffer.from(bytes);
}
