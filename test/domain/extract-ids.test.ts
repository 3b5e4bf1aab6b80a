import { describe, expect, it } from 'vitest';
import { extractIds } from '../../src/domain/extract-ids.js';

const now = new Date('2026-11-27T07:00:00Z');

describe('extractIds', () => {
  it.each([
    ['where is invoice 24112000000094149929?', { kind: 'digital', number: '24112000000094149929' }],
    ['发票 24112000000094149929 怎么在系统里查不到', { kind: 'digital', number: '24112000000094149929' }],
    ['２４１１２０００００００９４１４９９２９', { kind: 'digital', number: '24112000000094149929' }],
    ['2411 2000 0000 9414 9929', { kind: 'digital', number: '24112000000094149929' }],
    ['2411-2000-0000-9414-9929', { kind: 'digital', number: '24112000000094149929' }],
    ['代码011002500111，号码00412345', { kind: 'legacy', code: '011002500111', number: '00412345' }],
    ['011002500111 00412345', { kind: 'legacy', code: '011002500111', number: '00412345' }],
    ['number 00412345 code 011002500111', { kind: 'legacy', code: '011002500111', number: '00412345' }],
    ['1100164160 12345678', { kind: 'legacy', code: '1100164160', number: '12345678' }],
  ])('finds the id in %j', (text, id) => {
    const mentions = extractIds(text, now);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.id).toEqual(id);
    expect(mentions[0]?.problems).toEqual([]);
  });

  it('finds several ids in one message, in order', () => {
    const ids = extractIds('26312000000000012345 and 011002500111/00412345 and 26112000000000100001', now).map(
      (m) => m.id,
    );
    expect(ids).toEqual([
      { kind: 'digital', number: '26312000000000012345' },
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ]);
  });

  it('ignores dates and small numbers', () => {
    expect(extractIds('issued 2026-11-27 for 1130.00 yuan, 3 days ago', now)).toEqual([]);
  });

  it.each([
    ['1234567890123', 'wrong_length'],
    ['011002500111', 'code_without_number'],
    ['00412345', 'number_without_code'],
    ['26002000000000100001', 'unknown_region'],
    ['29112000000000100001', 'future_year'],
    ['011002500199 00412345', 'unknown_kind'],
    ['011002500111 00000000', 'all_zero_number'],
  ])('explains what is wrong with %s', (text, code) => {
    const [mention] = extractIds(text, now);
    expect(mention?.problems.map((p) => p.code)).toContain(code);
  });

  it('does not mutate its input', () => {
    const text = '２４１１２０００００００９４１４９９２９';
    extractIds(text, now);
    expect(text).toBe('２４１１２０００００００９４１４９９２９');
  });
});

describe('extractIds: numbers that are not invoice ids', () => {
  it.each([
    ['开票日期 20261125，发票查不到'],
    ['issued on 2026-11-25 10:15'],
    ['2026年11月25日开的票'],
    ['请打我手机 13800138000'],
    ['call +86 138 0013 8000'],
    ['金额 1130元'],
    ['total ¥1,130.00'],
    ['价税合计 122600.00'],
    ['购方税号 91110105MA01ABCD5F'],
    ['tax id 91310115MA03JKLM1J please'],
    ['postcode 100080'],
  ])('finds nothing to explain in %j', (text) => {
    expect(extractIds(text, now)).toEqual([]);
  });

  it('reads an id next to a date, an amount, a mobile number and a tax id', () => {
    const mentions = extractIds(
      '发票 26112000000000100008，2026年11月25日开具，价税合计 ¥1,130.00，购方 91110105MA01ABCD5F，电话 13800138000',
      now,
    );
    expect(mentions.map((m) => m.id)).toEqual([{ kind: 'digital', number: '26112000000000100008' }]);
    expect(mentions[0]?.problems).toEqual([]);
  });

  it('still explains a digit run that looks like an attempt at an id', () => {
    expect(extractIds('发票 2611200000000010008 查不到', now)[0]?.problems.map((p) => p.code)).toEqual([
      'wrong_length',
    ]);
  });
});

describe('extractIds: QR-code payloads', () => {
  it('reads a 数电 payload as one invoice with its total and issue day', () => {
    const mentions = extractIds('扫码结果：01,32,,26112000000000100008,565.00,20261127,,19E3', now);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.id).toEqual({ kind: 'digital', number: '26112000000000100008' });
    expect(mentions[0]?.qr).toEqual({ day: '2026-11-27', amount: 56500, taxIncluded: true });
  });

  it('reads a legacy payload with full-width commas, and never looks its check code up', () => {
    const mentions = extractIds('01，10，044001500111，81966722，173.79，20170524，17884534745749991611，BE2D', now);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]?.id).toEqual({ kind: 'legacy', code: '044001500111', number: '81966722' });
    expect(mentions[0]?.qr).toEqual({ day: '2017-05-24', amount: 17379, taxIncluded: false });
  });
});

describe('extractIds: how digit runs are split and paired', () => {
  const ids = (text: string) => extractIds(text, now).map((m) => m.id ?? m.problems[0]?.code);

  it('reads a code and a number typed side by side, either way round, showing the code first', () => {
    expect(extractIds('00412345 011002500111', now)).toEqual([
      {
        raw: '011002500111 00412345',
        id: { kind: 'legacy', code: '011002500111', number: '00412345' },
        problems: [],
      },
    ]);
  });

  it('places a legacy id where its first half was typed', () => {
    expect(ids('00412345 26112000000000100001 011002500111')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ]);
  });

  it('splits ids typed one after another with single spaces, keeping their order', () => {
    expect(ids('011002500111 00412345 26112000000000100001')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'digital', number: '26112000000000100001' },
    ]);
    expect(ids('24112000000094149929 25432000000031411143')).toEqual([
      { kind: 'digital', number: '24112000000094149929' },
      { kind: 'digital', number: '25432000000031411143' },
    ]);
  });

  it('reads a code, a number and a stray digit as one run of the wrong length', () => {
    expect(extractIds('011002500111 00412345 1', now)).toEqual([
      {
        raw: '011002500111004123451',
        problems: [{ code: 'wrong_length', digits: '011002500111004123451', length: 21 }],
      },
    ]);
  });

  it('joins groups that are no id on their own', () => {
    expect(ids('12 345 678 901')).toEqual(['wrong_length']);
  });

  it('pairs each code with the nearest number not taken yet', () => {
    expect(ids('00412345 开票 ------ 011002500111 12345678')).toEqual([
      'number_without_code',
      { kind: 'legacy', code: '011002500111', number: '12345678' },
    ]);
    expect(ids('011002500111 00412345, 1100164160')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      'code_without_number',
    ]);
    expect(ids('011002500111 00412345, 1100164160 12345678')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      { kind: 'legacy', code: '1100164160', number: '12345678' },
    ]);
  });

  it('explains a run of seven digits, and ignores shorter ones', () => {
    expect(extractIds('1234567', now)).toEqual([
      { raw: '1234567', problems: [{ code: 'wrong_length', digits: '1234567', length: 7 }] },
    ]);
    expect(extractIds('123456', now)).toEqual([]);
  });

  it('skips a hyphenated date only when it is a whole date', () => {
    expect(ids('2026-11-27')).toEqual([]);
    expect(ids('12026-11-27')).toEqual(['wrong_length']);
    expect(ids('2026-11-271')).toEqual(['wrong_length']);
  });
});

describe('extractIds: pairing codes with numbers in long texts', () => {
  const ids = (text: string) => extractIds(text, now).map((m) => m.id ?? m.problems[0]?.code);
  // A small deterministic generator, so every run checks the same texts.
  function random(seed: number) {
    let s = seed;
    return (n: number) => {
      s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
      return s % n;
    };
  }

  // The rule in its plainest form: codes in text order, each takes the unused number nearest to it (the earlier one
  // on a tie); extractIds does the same with skip pointers so a long paste stays fast.
  function plainPairs(codes: { at: number; digits: string }[], numbers: { at: number; digits: string }[]) {
    const used = new Set<number>();
    const pairs: string[] = [];
    for (const code of codes) {
      let best = -1;
      numbers.forEach((n, i) => {
        if (used.has(i)) return;
        const d = Math.abs(n.at - code.at);
        const b = numbers[best];
        if (!b || d < Math.abs(b.at - code.at)) best = i;
      });
      const n = numbers[best];
      if (!n) continue;
      used.add(best);
      pairs.push(`${code.digits}/${n.digits}`);
    }
    return pairs.sort();
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])('pairs like the plain nearest-unused rule (text %i)', (seed) => {
    const next = random(seed);
    const codes: { at: number; digits: string }[] = [];
    const numbers: { at: number; digits: string }[] = [];
    let text = '';
    for (let i = 0; i < 30; i++) {
      text += ` ${'x'.repeat(1 + next(4))} `;
      if (next(2) === 0) {
        const digits = `0110025${String(10_000 + i).slice(1)}1`;
        codes.push({ at: text.length, digits });
        text += digits;
      } else {
        const digits = `004${String(10_000 + i).slice(1)}1`;
        numbers.push({ at: text.length, digits });
        text += digits;
      }
    }
    const found = extractIds(text, now)
      .flatMap((m) => (m.id?.kind === 'legacy' ? [`${m.id.code}/${m.id.number}`] : []))
      .sort();
    expect(found).toEqual(plainPairs(codes, numbers));
    const unpaired = extractIds(text, now).filter((m) => !m.id).length;
    expect(unpaired).toBe(Math.abs(codes.length - numbers.length));
  });

  it('takes the earlier number when two are as near', () => {
    // Both numbers start 15 characters from the code.
    expect(ids('00412345 xxxxx 011002500111 x 00412346')).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00412345' },
      'number_without_code',
    ]);
  });
});

describe('extractIds: the nearest unused number', () => {
  const ids = (text: string) => extractIds(text, now).map((m) => m.id ?? m.problems[0]?.code);
  const pair = (code: string, number: string) => ({ kind: 'legacy', code, number });
  const FAR = ` ${'x'.repeat(60)} `;

  it('skips a taken number to the left for the next free one there', () => {
    expect(ids(`00000001 x 00000002 x 011002500111 x 011002500112${FAR}00000003`)).toEqual([
      pair('011002500112', '00000001'),
      pair('011002500111', '00000002'),
      'number_without_code',
    ]);
  });

  it('skips a taken number to the right for the next free one there', () => {
    expect(ids('011002500111 x 011002500112 x 00000001 x 00000002')).toEqual([
      pair('011002500111', '00000001'),
      pair('011002500112', '00000002'),
    ]);
  });

  it('skips a run of taken numbers on either side', () => {
    expect(ids(`00000001 x 00000002 x 00000003 x 011002500111 x 011002500112 x 011002500113 x 011002500114`)).toEqual([
      pair('011002500113', '00000001'),
      pair('011002500112', '00000002'),
      pair('011002500111', '00000003'),
      'code_without_number',
    ]);
    expect(ids('011002500111 x 011002500112 x 011002500113 x 00000001 x 00000002 x 00000003 x 00000004')).toEqual([
      pair('011002500111', '00000001'),
      pair('011002500112', '00000002'),
      pair('011002500113', '00000003'),
      'number_without_code',
    ]);
  });

  it('counts the distance from where each group of a split run starts', () => {
    // The number before is 12 characters from the code, the one typed right after it 13.
    expect(ids('00000001 xx 011002500111 00000002')).toEqual([pair('011002500111', '00000001'), 'number_without_code']);
  });
});

describe('extractIds: QR payloads', () => {
  it('quotes the payload and checks a legacy one as a code and a number', () => {
    const payload = '01,10,011002500111,00412345,173.79,20250524,17884534745749991611,BE2D';
    expect(extractIds(`扫码 ${payload}`, now)).toEqual([
      {
        raw: payload,
        id: { kind: 'legacy', code: '011002500111', number: '00412345' },
        problems: [],
        qr: { day: '2025-05-24', amount: 17379, taxIncluded: false },
      },
    ]);
    expect(extractIds('01,10,011002500111,00000000,173.79,20250524,,BE2D', now)[0]?.problems).toEqual([
      { code: 'all_zero_number', digits: '00000000' },
    ]);
  });

  it('keeps ids typed after several payloads in the order they were typed', () => {
    const a = '01,32,,25432000000031411143,655.00,20250311,,19E3';
    const b = '01,32,,24112000000094149929,655.00,20250311,,19E3';
    expect(extractIds(`${a} ${b} 26112000000000100001`, now).map((m) => m.raw)).toEqual([a, b, '26112000000000100001']);
  });
});

describe('extractIds: the nearer number wins', () => {
  it('takes the number before when it is nearer than the one after', () => {
    // 11 characters to the number before, 20 to the one after.
    const mentions = extractIds(`${'x'.repeat(20)} 00000001 x 011002500111 xxxxxx 00000002`, now);
    expect(mentions.map((m) => m.id ?? m.problems[0]?.code)).toEqual([
      { kind: 'legacy', code: '011002500111', number: '00000001' },
      'number_without_code',
    ]);
  });

  // The 20-digit question alone is answered without the full scan; with a space around it the scan runs instead.
  it.each([
    '24112000000094149929',
    '２４１１２０００００００９４１４９９２９',
    '00000000000000000000',
    '99999999999999999999',
    '20261127202611272026',
    '13800138000138001380',
    '86138001380001380013',
    '01062345678010623456',
    '91110108MA01234567'.replace(/\D/g, '0').padEnd(20, '0'),
    '11010800000000000000',
    '26112000000000100016',
    '25999000000000000001',
    '30112000000000100016',
  ])('reads %j alone exactly as the full scan reads it', (text) => {
    const alone = extractIds(text, now);
    const scanned = extractIds(` ${text} `, now);
    expect(alone).toHaveLength(1);
    expect(JSON.stringify(alone)).toBe(JSON.stringify(scanned));
    expect(alone).toStrictEqual(scanned);
  });

  it('reads random 20-digit numbers alone exactly as the full scan reads them', () => {
    let seed = 15;
    const digit = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return String(seed % 10);
    };
    for (let k = 0; k < 2000; k++) {
      const text = Array.from({ length: 20 }, digit).join('');
      expect(JSON.stringify(extractIds(text, now))).toBe(JSON.stringify(extractIds(`${text}。`, now)));
    }
  });
});
