import type { Notifier } from '../../src/ports.js';

/**
 * A replica's notifier that dies mid-job: the first `survives` messages go through to `notifier`, every later one
 * never settles and never arrives (the process is gone mid-request), so the job that sent it never finishes.
 * `died` resolves when that first lost message was attempted.
 */
export function createDyingNotifier(notifier: Notifier, survives: number): Notifier & { died: Promise<void> } {
  let calls = 0;
  let die = () => {};
  const died = new Promise<void>((resolve) => {
    die = resolve;
  });
  const send =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls += 1;
      if (calls <= survives) return work(...args);
      die();
      return new Promise<R>(() => {});
    };
  return {
    died,
    post: send((channel, message, threadTs) => notifier.post(channel, message, threadTs)),
    update: send((channel, ts, message) => notifier.update(channel, ts, message)),
    direct: send((userId, message) => notifier.direct(userId, message)),
    link: (channel, ts) => notifier.link(channel, ts),
  };
}
