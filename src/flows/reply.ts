import type { Place } from '../domain/disclosure.js';
import type { DiagnosisText } from '../i18n/catalog.js';

/** A choice the user can pick; Slack shows a button, the console a number. `id` is `verb:argument`. */
export type Choice = { id: string; label: string; style?: 'primary' | 'danger' };

/** One labelled fact on a card. `userId` asks the adapter to render a mention of that user. */
export type CardField = { label: string; value: string; userId?: string };

/** One step of an invoice's way into the tax system. */
export type TimelineStep = { label: string; state: 'done' | 'pending' | 'failed'; at?: string };

/** The lookup answer: identity, facts, timeline, diagnosis and what the user can do next. */
export type InvoiceCard = {
  title: string;
  banner?: string;
  fields: CardField[];
  timeline: { label: string; steps: TimelineStep[] };
  diagnosis: DiagnosisText;
  footer: string[];
  actions: Choice[];
};

/**
 * A chart: Slack draws it (a `data_visualization` block), the console prints its numbers. `categories` are the x
 * axis of a line or bar chart, or the slices of a pie (then with one series); every series has one value per
 * category. `summary` states the takeaway in words: it is shown with the chart, and alone where none can be drawn.
 */
export type Chart = {
  type: 'line' | 'bar' | 'pie';
  title: string;
  summary: string;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  xLabel?: string;
  yLabel?: string;
};

/** What a flow wants the user to see. Adapters render it; flows never import Slack. */
export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'invoice'; card: InvoiceCard }
  | {
      kind: 'list';
      title: string;
      items: Array<{ text: string; choice?: Choice }>;
      /** The same items as columns, for surfaces that draw tables (Slack's `table` block); cells are plain text. */
      table?: { header: string[]; rows: string[][] };
    }
  | { kind: 'choices'; text: string; choices: Choice[] }
  | { kind: 'chart'; chart: Chart }
  /** "Did this solve it?": Slack shows its feedback buttons (👍 / 👎), the console two numbered choices. */
  | { kind: 'feedback'; text: string; helpful: Choice; unhelpful: Choice };

/** What the user did: typed something, or picked a choice. */
export type FlowInput = { kind: 'text'; text: string } | { kind: 'choice'; choiceId: string };

/** Where a message came from; decides visibility (ephemeral, thread, DM) and how much detail is shown. */
export type Surface = 'command' | 'dm' | 'mention' | 'console';

/** Who reads the answer on a surface: an @mention is answered in a shared thread, everything else privately. */
export function placeOf(surface: Surface): Place {
  return surface === 'mention' ? 'shared' : 'private';
}
