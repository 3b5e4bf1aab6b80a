import { z } from 'zod';
import { STEP_IDS } from './checklist.js';

const Text = z.object({ en: z.string().min(1), zh: z.string().min(1) });

/**
 * `data/checklist.json`: the steps, their order and their texts in both languages, and how long an idle
 * walk-through lives. Finance edits it without code; a bad edit stops the bot with the field named.
 */
export const ChecklistConfig = z.object({
  expireAfterHours: z
    .number()
    .positive()
    .max(24 * 30),
  steps: z
    .array(z.object({ id: z.enum(STEP_IDS), title: Text, checks: Text }))
    .min(1)
    .refine((steps) => new Set(steps.map((s) => s.id)).size === steps.length, 'each step id may appear once'),
});
export type ChecklistConfig = z.infer<typeof ChecklistConfig>;
