import type { QuestionEvent, QuestionEventOf } from '../domain/question-event.js';
import type { QuestionLog } from '../ports.js';

/**
 * The question log's queries over events held in memory, shared by the in-memory and the JSONL adapters. `persist`
 * makes a new event durable (the JSONL file appends it); it runs before the event is visible, so a failed write
 * records nothing.
 */
export function createQuestionLogCore(
  initial: readonly QuestionEvent[],
  persist: (event: QuestionEvent) => Promise<void> = async () => {},
): QuestionLog {
  // Kept in the order recorded, each with its time parsed once. Recording appends, whatever its time: an event
  // earlier than those held (a clock set back, or a bench that restarts its clock on the same data) used to be put
  // in its place by walking back over every later event, which made each request's cost grow with the log.
  // `between`, which runs for a stats report, not per request, sorts what it returns instead.
  const events: QuestionEvent[] = [];
  const times: number[] = [];
  const answered = new Set<string>();
  const key = (user: string, invoice: string) => `${user}\u0000${invoice}`;
  const add = (event: QuestionEvent) => {
    events.push(event);
    times.push(Date.parse(event.at));
  };
  for (const e of initial) {
    add(e);
    if (e.type === 'feedback') answered.add(key(e.user, e.invoice));
  }
  return {
    async record(event) {
      await persist(event);
      add(event);
    },
    async answer(event: QuestionEventOf<'feedback'>) {
      const k = key(event.user, event.invoice);
      // Checked and claimed before the write, so a double click racing the append still records once.
      if (answered.has(k)) return false;
      answered.add(k);
      try {
        await persist(event);
      } catch (error) {
        answered.delete(k);
        throw error;
      }
      add(event);
      return true;
    },
    async answered(user, invoice) {
      return answered.has(key(user, invoice));
    },
    async between(from, to) {
      const lo = from.getTime();
      const hi = to.getTime();
      const found: number[] = [];
      for (let i = 0; i < events.length; i += 1) {
        const t = times[i] as number;
        if (t >= lo && t < hi) found.push(i);
      }
      // Oldest first; events with the same time in the order recorded (the sort is stable).
      found.sort((a, b) => (times[a] as number) - (times[b] as number));
      return found.map((i) => events[i] as QuestionEvent);
    },
  };
}
