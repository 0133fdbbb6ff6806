/** A key point an answer should cover: a label and the words or phrases that count as hitting it. */
export interface KeyPoint {
  label: string;
  words: string[];
  /**
   * For a comparison question, what the point is about ("Flannel", "egress"), by any of these names:
   * its words count only when said of this subject, so an answer that swaps the roles fails.
   */
  subject?: string[];
}

/** Quiz metadata from a `<!-- quiz ... -->` block, validated. Every field may be absent. */
export interface QuizMeta {
  correct?: string;
  wrong?: string[];
  keyPoints?: KeyPoint[];
  tags?: string[];
  note?: string;
  difficulty?: 1 | 2 | 3;
}

/** The raw text of a metadata block and where it starts, kept until the block is needed. */
export interface RawMeta {
  text: string;
  line: number;
}

export interface Question {
  /** Stable id: the question's number, prefixed by its deck name for user decks ("docker:12"). */
  id: string;
  number: number;
  deck: string;
  /** Slug of the section the question belongs to. */
  section: string;
  prompt: string;
  /** The answer as written in the deck, in Markdown. */
  answer: string;
  file: string;
  line: number;
  rawMeta?: RawMeta;
  meta?: QuizMeta;
  /**
   * Where the rest of its quiz metadata is (a bundled question read from the build's copy: its
   * curated options and key points are kept in a file of their own, dist/bank-quiz.json, which
   * only a quiz reads). resolveMeta fills them in.
   */
  quizFile?: string;
}

export interface Section {
  slug: string;
  title: string;
  aliases: string[];
  deck: string;
  file: string;
  line: number;
}

export interface Deck {
  name: string;
  file: string;
  sections: Section[];
  questions: Question[];
  /** Ids are `name:number`: no other deck's can clash unless it has the same name. */
  prefixIds?: boolean;
  /** What the reader worked around or could not use, by line; absent when there was nothing. */
  problems?: DeckProblem[];
}

/** A line of a deck the reader read around: a defect it repaired, or a question-shaped line it skipped. */
export interface DeckProblem {
  line: number;
  message: string;
  /** The line looks like a question but gave none (no answer, no prompt, a repeated heading...). */
  skipped: boolean;
}

/** Every question and section the current run can see. */
export interface Bank {
  sections: Section[];
  questions: Question[];
}

export const MODES = ["choice", "recall", "flash"] as const;
export type Mode = (typeof MODES)[number];

export const GRADES = ["again", "hard", "good", "easy"] as const;
export type Grade = (typeof GRADES)[number];

/** A question's identity and prompt, in the key order every JSON document that lists questions uses. */
export function questionRef(q: Question) {
  return { id: q.id, number: q.number, deck: q.deck, section: q.section, prompt: q.prompt };
}
