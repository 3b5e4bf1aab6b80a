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

  it('stores events recorded at once in one insert, in the order recorded', async () => {
    const pool = replica();
    const log = createPostgresQuestionLog(pool);
    let statements = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: typeof query }).query = (...args) => {
        statements += 1;
        return query(...args);
      };
    });
    const users = Array.from({ length: 40 }, (_, i) => `B${String(i).padStart(2, '0')}`);
    await Promise.all(
      users.map((user, i) => log.record(asked(`2026-11-26T02:00:${String(i).padStart(2, '0')}.000Z`, user))),
    );
    // Recorded in one synchronous run, all forty share one insert.
    expect(statements).toBe(1);
    const day = await log.between(new Date('2026-11-26T00:00:00Z'), new Date('2026-11-27T00:00:00Z'));
    expect(day.map((e) => (e.type === 'asked' ? e.user : ''))).toEqual(users);
  });

  it('rejects every record that shared a failed insert, and the next record is stored', async () => {
    const log = createPostgresQuestionLog(db.pool);
    // PostgreSQL refuses a NUL character in jsonb: the whole batch fails, not just that event.
    const results = await Promise.allSettled([
      log.record(asked('2026-11-28T02:00:00.000Z', 'C1')),
      log.record(asked('2026-11-28T02:00:01.000Z', 'C2')),
      log.record(asked('2026-11-28T02:00:02.000Z', 'C\u0000')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    await log.record(asked('2026-11-28T02:00:03.000Z', 'C4'));
    const day = await log.between(new Date('2026-11-28T00:00:00Z'), new Date('2026-11-29T00:00:00Z'));
    expect(day.map((e) => (e.type === 'asked' ? e.user : ''))).toEqual(['C4']);
  });
});
