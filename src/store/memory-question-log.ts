import type { GreetingStore, QuestionLog } from '../ports.js';
import { createQuestionLogCore } from './question-log-core.js';

/** A question log held in memory, for tests and the console's demo. */
export function createMemoryQuestionLog(): QuestionLog {
  return createQuestionLogCore([]);
}

/** Greetings remembered in memory, for tests and the console. */
export function createMemoryGreetingStore(): GreetingStore {
  const greeted = new Set<string>();
  return {
    async firstVisit(userId) {
      if (greeted.has(userId)) return false;
      greeted.add(userId);
      return true;
    },
  };
}
