import { UnreadableFileError } from '../lib/unreadable-file-error.js';

const QUOTE = 34; // "
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * An RFC 4180 CSV parser fed decoded text in chunks of any size: `push` returns the rows completed so far, `end` the
 * last one. Quoted cells may hold commas, line breaks and doubled quotes; lines end in LF, CRLF or CR; empty lines
 * are skipped; rows keep however many cells they have (the importer reports a wrong count by row). A quote that is
 * never closed, a closing quote followed by anything but a comma or a line end, a quote inside an unquoted cell, or
 * a line longer than `lineChars` raises {@link UnreadableFileError} naming the row (1-based, empty lines not counted).
 *
 * Written for the import's hot path: a line without quotes is one `indexOf` and one `split`, where csv-parse cost
 * ~17 µs a row, the biggest single item of a 1M-row import's profile.
 * @example new CsvParser(16_384).push('a,b\n"c,d",e\n') // [['a', 'b'], ['c,d', 'e']]
 */
export class CsvParser {
  // Text of a row not yet complete (it continues in the next chunk).
  private rest = '';
  private rows = 0;

  constructor(private readonly lineChars: number) {}

  /** Adds text; returns every row it completed. */
  push(text: string): string[][] {
    const out: string[][] = [];
    const buf = this.rest + text;
    const end = this.scan(buf, out, false);
    this.rest = buf.slice(end);
    // A row without its end yet may not grow past the limit either, or a file with no line break would be held whole.
    if (this.rest.length > this.lineChars) throw new UnreadableFileError('line_too_long', this.rows + 1);
    return out;
  }

  /** The last row, if the text did not end with a line break; throws for a quote left open. */
  end(): string[][] {
    const out: string[][] = [];
    const buf = this.rest;
    this.rest = '';
    if (buf.length > 0) this.scan(buf, out, true);
    return out;
  }

  /** How many rows were returned so far. */
  get rowCount(): number {
    return this.rows;
  }

  // Reads complete rows from `buf` into `out`; returns where the unread text starts. At the end of input (`final`)
  // the last line needs no line break.
  private scan(buf: string, out: string[][], final: boolean): number {
    let at = 0;
    const n = buf.length;
    // The next CR and quote at or after `at` (n when none): searched again only once passed, since a file without
    // any would otherwise be searched to its end for every line.
    let cr = -1;
    let quote = -1;
    while (at < n) {
      const c = buf.charCodeAt(at);
      if (c === LF || c === CR) {
        at += 1; // an empty line, or the LF of a CRLF
        continue;
      }
      if (cr < at) cr = indexOr(buf, '\r', at, n);
      if (quote < at) quote = indexOr(buf, '"', at, n);
      const lf = indexOr(buf, '\n', at, n);
      const nl = Math.min(lf, cr);
      const lineEnd = nl === n ? (final ? n : -1) : nl;
      if (lineEnd !== -1) {
        if (quote >= lineEnd) {
          // The usual line: no quotes at all.
          if (lineEnd - at > this.lineChars) throw new UnreadableFileError('line_too_long', this.rows + 1);
          out.push(buf.slice(at, lineEnd).split(','));
          this.rows += 1;
          at = lineEnd + 1;
          continue;
        }
      }
      const next = this.quotedRow(buf, at, out, final);
      if (next === -1) return at;
      at = next;
    }
    return n;
  }

  // A row with quotes, cell by cell; -1 when it does not end within `buf` (and more text is coming).
  private quotedRow(buf: string, start: number, out: string[][], final: boolean): number {
    const n = buf.length;
    const cells: string[] = [];
    let at = start;
    for (;;) {
      if (at - start > this.lineChars) throw new UnreadableFileError('line_too_long', this.rows + 1);
      let cell: string;
      if (at < n && buf.charCodeAt(at) === QUOTE) {
        let text = '';
        let from = at + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1) {
            if (!final) return -1;
            throw new UnreadableFileError('unclosed_quote', this.rows + 1);
          }
          if (q + 1 < n && buf.charCodeAt(q + 1) === QUOTE) {
            text += buf.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          if (q + 1 >= n && !final) return -1;
          text += buf.slice(from, q);
          at = q + 1;
          break;
        }
        cell = text;
        const after = at < n ? buf.charCodeAt(at) : -1;
        if (after !== COMMA && after !== LF && after !== CR && after !== -1)
          throw new UnreadableFileError('bad_quote', this.rows + 1);
      } else {
        let stop = at;
        while (stop < n) {
          const ch = buf.charCodeAt(stop);
          if (ch === COMMA || ch === LF || ch === CR) break;
          if (ch === QUOTE) throw new UnreadableFileError('bad_quote', this.rows + 1);
          stop += 1;
        }
        if (stop === n && !final) return -1;
        cell = buf.slice(at, stop);
        at = stop;
      }
      cells.push(cell);
      if (at - start > this.lineChars) throw new UnreadableFileError('line_too_long', this.rows + 1);
      const ch = at < n ? buf.charCodeAt(at) : -1;
      if (ch === COMMA) {
        at += 1;
        continue;
      }
      // A line end (or the end of the input).
      if (ch === -1 && !final) return -1;
      out.push(cells);
      this.rows += 1;
      return ch === -1 ? n : at + 1;
    }
  }
}

// Where `search` next occurs in `text` from `from`, or `none` when it does not.
function indexOr(text: string, search: string, from: number, none: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? none : at;
}
