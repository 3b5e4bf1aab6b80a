import type pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import type { QuestionEvent } from '../../../src/domain/question-event.js';
import { createPgPool } from '../../../src/store/postgres/create-pg-pool.js';
import { createPostgresQuestionLog } from '../../../src/store/postgres/postgres-question-log.js';
import { describePostgres, postgresUrl, useMigratedSchema } from '../../helpers/postgres.js';

const asked = (at: string, user: string): QuestionEvent => ({
  type: 'asked',
  at,
  user,
  invoice: 'D26112000000000100008',
  cause: 'overdue',
});
const feedback = (at: string, user: string, helpful: boolean) =>
  ({
    type: 'feedback',
    at,
    user,
    invoice: 'D26112000000000100009',
    helpful,
    cause: 'overdue',
    step: 'sync',
  }) as const;

describePostgres('the question log in PostgreSQL', () => {
  const db = useMigratedSchema();
  const pools: pg.Pool[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
  });
  // A second pool on the same schema: another replica of the bot.
  const replica = () => {
    const pool = createPgPool({ url: postgresUrl, schema: db.name, max: 2 });
    pools.push(pool);
    return pool;
  };

  it('returns a period’s events oldest first, the end excluded', async () => {
    const log = createPostgresQuestionLog(db.pool);
    await log.record(asked('2026-11-24T02:00:00.000Z', 'U1'));
    await log.record(asked('2026-11-23T02:00:00.000Z', 'U2'));
    await log.record(asked('2026-11-30T00:00:00.000Z', 'U3'));
    await log.record({ type: 'missing', at: '2026-11-25T01:00:00.000Z', count: 4 });
    const week = await log.between(new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect(week).toEqual([
      asked('2026-11-23T02:00:00.000Z', 'U2'),
      asked('2026-11-24T02:00:00.000Z', 'U1'),
      { type: 'missing', at: '2026-11-25T01:00:00.000Z', count: 4 },
    ]);
  });

  it('takes one answer per person and invoice across two replicas', async () => {
    const a = createPostgresQuestionLog(db.pool);
    const b = createPostgresQuestionLog(replica());
    expect(await a.answered('U7', 'D26112000000000100009')).toBe(false);
    const answers = await Promise.all([
      a.answer(feedback('2026-11-24T02:00:00.000Z', 'U7', true)),
      b.answer(feedback('2026-11-24T02:00:00.500Z', 'U7', false)),
    ]);
    expect(answers.sort()).toEqual([false, true]);
    expect(await b.answered('U7', 'D26112000000000100009')).toBe(true);
    const all = await a.between(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'));
    expect(all.filter((e) => e.type === 'feedback')).toHaveLength(1);
  });
});
