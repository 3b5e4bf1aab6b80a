import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { STEP_IDS } from '../domain/checklist.js';
import type { Cause } from '../domain/diagnose.js';
import type { QuestionEvent } from '../domain/question-event.js';
import type { QuestionLog } from '../ports.js';
import { coalesceWrites, SETTLE_PER_TURN } from './coalesce-writes.js';
import { CorruptDataError } from './corrupt-data-error.js';
import { createJsonlAppender } from './jsonl-appender.js';
import { createQuestionLogCore } from './question-log-core.js';

const At = z.iso.datetime({ offset: true });
const Step = z.enum(STEP_IDS);
// Causes are the diagnosis's names; an older file may hold one this version no longer names, which still counts.
const CauseName = z.string().regex(/^[a-z_]+$/) as unknown as z.ZodType<Cause>;
const Who = { at: At, user: z.string().min(1), invoice: z.string().min(1) };

/** One line of `questions.jsonl`. */
export const QuestionEventLine: z.ZodType<QuestionEvent> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('asked'), ...Who, cause: CauseName }),
  z.object({
    type: z.literal('feedback'),
    ...Who,
    helpful: z.boolean(),
    cause: CauseName,
    step: Step.optional(),
  }),
  z.object({
    type: z.literal('walkthrough'),
    ...Who,
    outcome: z.enum(['solved', 'escalated', 'abandoned']),
    step: Step.optional(),
    findings: z.array(Step),
  }),
  z.object({ type: z.literal('missing'), at: At, count: z.number().int().nonnegative() }),
]) as z.ZodType<QuestionEvent>;

/**
 * The question log in `DATA_DIR/state/questions.jsonl`: one short line appended per event (no file is rewritten on
 * the request path; events recorded while an append runs share the next), all events read into memory at start (about 150 bytes each). A half-written last line left by
 * a crash is skipped; any other unreadable line stops the bot with the file and line named.
 */
export async function createJsonlQuestionLog(dataDir: string): Promise<QuestionLog> {
  const dir = join(dataDir, 'state');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'questions.jsonl');
  // Appends run one at a time, in call order, so lines never interleave; the events recorded while one runs go
  // together in the next. One append per event (open, write, close: three trips through libuv's pool, each waiting
  // for a turn of a busy event loop) could not keep up with the lookups of 50 concurrent users, and every lookup
  // waited for its turn (ack p50 ~200 ms at 1M records under the mixed load).
  let pending: string[] = [];
  const appender = createJsonlAppender(file);
  const append = coalesceWrites(
    async () => {
      const lines = pending.length === 1 ? (pending[0] as string) : pending.join('');
      pending = [];
      await appender.append(lines, false);
    },
    { settlePerTurn: SETTLE_PER_TURN },
  );
  return createQuestionLogCore(await readQuestionLog(file), (event) => {
    pending.push(`${JSON.stringify(event)}\n`);
    return append();
  });
}

/** Reads every event of a question log file (none when it does not exist yet). */
export async function readQuestionLog(file: string): Promise<QuestionEvent[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const events: QuestionEvent[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let parsed: ReturnType<typeof QuestionEventLine.safeParse>;
    try {
      parsed = QuestionEventLine.safeParse(JSON.parse(line));
    } catch (error) {
      // A crash can leave the last line half-written; damage anywhere else is worth stopping for.
      if (i >= lines.length - 2) continue;
      throw new CorruptDataError(file, `line ${i + 1}: ${String(error)}`);
    }
    if (!parsed.success) throw new CorruptDataError(file, `line ${i + 1}: ${parsed.error.issues[0]?.message}`);
    events.push(parsed.data);
  }
  return events;
}
