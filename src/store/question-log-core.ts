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
  const events: QuestionEvent[] = [...initial].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const answered = new Set<string>();
  const key = (user: string, invoice: string) => `${user}\u0000${invoice}`;
  for (const e of events) if (e.type === 'feedback') answered.add(key(e.user, e.invoice));
  // Events arrive in time order almost always; one recorded late is put in its place.
  const add = (event: QuestionEvent) => {
    let i = events.length;
    while (i > 0 && Date.parse((events[i - 1] as QuestionEvent).at) > Date.parse(event.at)) i -= 1;
    events.splice(i, 0, event);
  };
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
      return events.filter((e) => {
        const t = Date.parse(e.at);
        return t >= lo && t < hi;
      });
    },
  };
}
