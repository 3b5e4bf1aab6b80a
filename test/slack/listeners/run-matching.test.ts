import { describe, expect, it } from 'vitest';
import { route, runMatching } from '../../../src/slack/listeners/run-matching.js';

describe('runMatching', () => {
  it('runs every matching route and no other', async () => {
    const ran: string[] = [];
    const routes = [
      route(
        (n: number) => n > 1,
        async () => void ran.push('big'),
      ),
      route(
        (n: number) => n % 2 === 0,
        async () => void ran.push('even'),
      ),
      route(
        (n: number) => n < 0,
        async () => void ran.push('negative'),
      ),
    ];
    await runMatching(routes, 4);
    expect(ran.sort()).toEqual(['big', 'even']);
  });

  it('rethrows a failure only after the other matching routes have finished', async () => {
    let finished = false;
    const routes = [
      route(
        () => true,
        async () => {
          throw new Error('boom');
        },
      ),
      route(
        () => true,
        async () => {
          await new Promise((r) => setTimeout(r, 5));
          finished = true;
        },
      ),
    ];
    await expect(runMatching(routes, 0)).rejects.toThrow('boom');
    expect(finished).toBe(true);
  });
});
