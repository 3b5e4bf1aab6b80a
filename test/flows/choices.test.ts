import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInvoiceKey } from '../../src/domain/identifier.js';
import { type ChoiceAction, choiceId, parseChoice, splitChoiceId } from '../../src/flows/choices.js';

const every: ChoiceAction[] = [
  { kind: 'lookup', key: 'D26112000000000100016' },
  { kind: 'troubleshoot', key: 'L011002500111-00412345' },
  { kind: 'escalate', key: 'D26112000000000100010' },
  { kind: 'checklist', sessionId: 'CHK-7', position: 2, action: 'watch' },
  { kind: 'notice', action: 'send', draft: 'd41' },
  { kind: 'file_escalation', key: 'D26112000000000100010', urgency: 'urgent' },
  { kind: 'escalation_action', id: 'ESC-20261127-001', action: 'claim' },
  { kind: 'resolve_cause', id: 'ESC-20261127-001', cause: 'sync' },
  { kind: 'view_escalation', id: 'ESC-20261127-001' },
  { kind: 'escalate_lost', key: 'D26112000000000100010' },
  { kind: 'escalation_details', id: 'ESC-20261127-001' },
  { kind: 'file_escalation', key: 'D26112000000000100010', urgency: 'normal', reason: 'lost' },
  { kind: 'feedback', key: 'D26112000000000100008', helpful: true },
  { kind: 'feedback', key: 'D26112000000000100008', helpful: false, step: 'sync' },
];

describe('choiceId and parseChoice', () => {
  it.each(every)('reads back what it built: $kind', (action) => {
    expect(parseChoice(choiceId(action))).toEqual(action);
  });

  it('keeps the wire ids that buttons in old messages carry', () => {
    expect(every.map(choiceId)).toEqual([
      'lookup:D26112000000000100016',
      'troubleshoot:L011002500111-00412345',
      'escalate:D26112000000000100010',
      'chk:CHK-7:2:watch',
      'notice:send:d41',
      'escfile:D26112000000000100010:urgent',
      'escact:ESC-20261127-001:claim',
      'escres:ESC-20261127-001:sync',
      'escview:ESC-20261127-001',
      'lostesc:D26112000000000100010',
      'escdetails:ESC-20261127-001',
      'escfile:D26112000000000100010:normal:lost',
      'fb:D26112000000000100008:up',
      'fb:D26112000000000100008:down:sync',
    ]);
  });

  it.each([
    ['an unknown verb', 'delete:D26112000000000100016'],
    ['a bare number instead of a storage key', 'lookup:26112000000000100016'],
    ['an 11-digit legacy code', 'lookup:L01100250011-00412345'],
    ['a walk-through step that is not a number', 'chk:CHK-7:two:next'],
    ['an unknown walk-through action', 'chk:CHK-7:2:delete'],
    ['an unknown urgency', 'escfile:D26112000000000100010:asap'],
    ['an action leads cannot take', 'escact:ESC-20261127-001:delete'],
    ['an unknown cause', 'escres:ESC-20261127-001:weather'],
    ['extra parts', 'escview:ESC-20261127-001:claim'],
    ['feedback that is neither up nor down', 'fb:D26112000000000100008:maybe'],
    ['feedback about an unknown step', 'fb:D26112000000000100008:up:weather'],
    ['feedback with extra parts', 'fb:D26112000000000100008:up:sync:x'],
    ['nothing at all', ''],
  ])('rejects %s', (_what, id) => {
    expect(parseChoice(id)).toBeUndefined();
  });
});

describe('splitChoiceId', () => {
  it('splits at the first colon only', () => {
    expect(splitChoiceId('chk:CHK-7:2:next')).toEqual({ verb: 'chk', argument: 'CHK-7:2:next' });
    expect(splitChoiceId('help')).toEqual({ verb: 'help', argument: '' });
  });
});

describe('isInvoiceKey', () => {
  it.each([
    ['D26112000000000100016', true],
    ['L011002500111-00412345', true],
    ['L0110025001-00412345', true],
    ['D2611200000000010001', false],
    ['26112000000000100016', false],
    ['L011002500111-0041234', false],
  ])('%s → %s', (key, expected) => {
    expect(isInvoiceKey(key)).toBe(expected);
  });
});

describe('lost-invoice choices', () => {
  it.each<ChoiceAction>([
    { kind: 'escalate_lost', key: 'L011002600104-10000018' },
    { kind: 'file_escalation', key: 'D26112000000000100010', urgency: 'normal', reason: 'lost' },
    { kind: 'checklist', sessionId: 'CHK-7', position: 0, action: 'lost' },
    { kind: 'resolve_cause', id: 'ESC-20261127-001', cause: 'tax_authority' },
  ])('reads back what it built: $kind', (action) => {
    expect(parseChoice(choiceId(action))).toEqual(action);
  });

  it('refuses a reason it does not know', () => {
    expect(parseChoice('escfile:D26112000000000100010:normal:stolen')).toBeUndefined();
  });
});

describe('the choice protocol', () => {
  // A hand-written `verb:argument` (a template literal such as `id: \`lostesc:${key}\``) bypasses the parser's checks.
  const HAND_WRITTEN = /(\bid|choiceId):\s*`[a-z]+:/;

  it.each(['src/flows', 'src/slack', 'src/console'])('is the only way %s builds a choice id', async (dir) => {
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts'));
    for (const file of files) expect(await readFile(join(dir, file), 'utf8'), file).not.toMatch(HAND_WRITTEN);
  });
});
