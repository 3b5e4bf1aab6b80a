import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/flows/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['24112000000094149929', { name: 'where', text: '24112000000094149929' }],
    ['  24112000000094149929  ', { name: 'where', text: '24112000000094149929' }],
    ['24112000000094149929 still missing', { name: 'where', text: '24112000000094149929 still missing' }],
    ['24112000000094149929\tplease', { name: 'where', text: '24112000000094149929\tplease' }],
    ['011002500111 00412345', { name: 'where', text: '011002500111 00412345' }],
    ['1100164160 12345678', { name: 'where', text: '1100164160 12345678' }],
    ['２４１１２０００００００９４１４９９２９', { name: 'where', text: '２４１１２０００００００９４１４９９２９' }],
    ['北京乙客户有限公司', { name: 'where', text: '北京乙客户有限公司' }],
    ['escalationsx', { name: 'unknown', word: 'escalationsx' }],
    ['Supercalifragilistic words', { name: 'unknown', word: 'Supercalifragilistic' }],
    ['ESCALATIONS mine', { name: 'escalations', text: 'mine' }],
    ['查询 24112000000094149929', { name: 'where', text: '24112000000094149929' }],
    ['where  2411 2000', { name: 'where', text: '2411 2000' }],
    ['notice', { name: 'notice', text: '' }],
    ['help find', { name: 'help', topic: 'find' }],
    ['lang ZH', { name: 'lang', language: 'zh' }],
    ['bogus', { name: 'unknown', word: 'bogus' }],
    ['', { name: 'help' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });
});
