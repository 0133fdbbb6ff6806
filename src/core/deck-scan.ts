import { DeckError } from "../errors.js";
import {
  expand,
  finishDeck,
  type Heading,
  hasText,
  isFiller,
  type Part,
  type Pending,
  RULE_LINE,
  readMeta,
  short,
  trimBlank,
} from "./deck-sections.js";
import {
  ASKS,
  answerMarker,
  asksOrTasks,
  boldQuestion,
  boldSpan,
  bulletQuestion,
  cleanPrompt,
  cleanTitle,
  detailsBlock,
  type HeadingLine,
  headingOf,
  headingQuestion,
  headingWords,
  htmlText,
  isSummaryLabel,
  labelOnlyLine,
  labelsOnly,
  linkOnly,
  listHeadingQuestion,
  listQuestion,
  markedHeading,
  marksAnswer,
  parenQuestion,
  plainAnswerMarker,
  plainListQuestion,
  plainListTask,
  plainQuestion,
  type QuestionLine,
  quoteQuestion,
  summaryQuestion,
  type TableColumns,
  tableCells,
  tableHeader,
  withoutImages,
} from "./deck-shapes.js";
import { type Fence, fenceEnd, fenceOpen } from "./markdown.js";
import type { Deck, DeckProblem, RawMeta } from "./types.js";

export interface ParseOptions {
  /** Path shown in error messages. */
  file: string;
  /** Deck name; user decks prefix their ids with it. */
  deck: string;
  /** Prefix ids with `${deck}:`. Off for the bundled bank, whose ids are plain numbers. */
  prefixIds: boolean;
  /** Reads a section's metadata block (slug, aliases). Kept out of the core so YAML loads only when needed. */
  readSectionMeta?: (raw: RawMeta) => { slug?: string; aliases?: string[] };
}

export const MAX_LINE_LENGTH = 100_000;

const META_OPEN = /^<!--\s*quiz\b(.*)$/;
// A heading over a deck's list of links, never a section of its questions.
const CONTENTS = /^(?:table\s+of\s+contents?|toc)$/i;

interface NestedAnswer {
  before: string[];
  answer: string[];
  after: string[];
}

/**
 * A `<details>` labelled only "Question 1" whose content is the question's text and then a nested
 * `<details><summary>Answer</summary>`: the text before, the nested answer, and what follows it.
 */
function nestedAnswer(summary: string, content: readonly string[]): NestedAnswer | undefined {
  if (!/^(?:question|q)\s*#?\s*\d{0,6}\s*[:.]?$/i.test(summary.trim())) return undefined;
  for (let k = 0; k < content.length; k++) {
    if (!/^\s*<details\b/i.test(content[k] ?? "")) continue;
    const nested = detailsBlock(content, k);
    if (!nested || !isSummaryLabel(nested.summary)) return undefined;
    const before = content.slice(0, k);
    if (!before.some((l) => l.trim())) return undefined;
    return { before, answer: nested.content, after: content.slice(nested.end + 1) };
  }
  return undefined;
}

/** How a warning names a question: by its number, or by the start of its prompt. */
const questionName = (number: number | undefined, prompt: string) =>
  number !== undefined ? `question ${number}` : `question "${short(prompt)}"`;

/**
 * An answer's text when it is short enough to be only a link or a template's blank labels
 * (deck-shapes' linkOnly, labelsOnly); undefined for any longer one.
 */
function shortAnswer(lines: readonly string[], parts: readonly Part[]): string | undefined {
  // Such an answer is a few lines: any answer over 400 characters is told by its length alone,
  // summed in place (counting lines with isFiller, or copying them, made reading the
  // 10,000-question deck 15% slower). One that opens with a blank label ("* **Definition:**") may
  // be a template's blanks over a long list of references: up to 2,000.
  if (parts.length > 16) return undefined;
  const first = parts[0];
  const limit =
    first && labelOnlyLine(typeof first === "string" ? first : (lines[first[0]] ?? "")) ? 2000 : 400;
  let size = 0;
  for (const p of parts) {
    if (typeof p === "string") size += p.length;
    else for (let i = p[0]; i < p[1] && size <= limit; i++) size += (lines[i] ?? "").length;
    if (size > limit) return undefined;
  }
  return expand(lines, parts).join("\n");
}

/** A heading that only says "the answer follows": "### Answer:", "### *Answer:*", "#### Solution". */
const ANSWER_HEADING = /^[*_\s]*(?:answer|ans|solution|a)[*_\s]*:?[*_\s]*$/i;

/** The line after `j`, or the one after that when the next is blank: what a list item's answer starts with. */
const lineBelow = (lines: readonly string[], j: number) =>
  lines[j + 1]?.trim() ? lines[j + 1] : lines[j + 2];

/** The index of the last line before `i` with text (-1 when none). */
function prevWithText(lines: readonly string[], i: number): number {
  let prev = i - 1;
  while (prev >= 0 && !(lines[prev] ?? "").trim()) prev--;
  return prev;
}

/** The index of the first line after `i` with text (lines.length when none). */
function nextWithText(lines: readonly string[], i: number): number {
  let next = i + 1;
  while (next < lines.length && !(lines[next] ?? "").trim()) next++;
  return next;
}

/** "- ", "* " or "+ " at the margin: a bullet. */
const isBullet = (line: string) => {
  const lead = line.charCodeAt(0);
  return (lead === 45 || lead === 42 || lead === 43) && line.charCodeAt(1) === 32;
};

/** A question being read: its heading line and its body as line ranges. */
interface Draft extends Pending {
  q: QuestionLine;
  /** A rule came after its text: any question line opens a new question from here on. */
  ruled?: boolean;
}

/** Like parseDeck, but a deck with no questions is returned (empty) rather than refused. */
export function scanDeck(text: string, opts: ParseOptions): Deck {
  const read = scanWith(text, opts, true);
  // Quoted questions ("> What is X?") are read only in a deck whose questions they are: in one
  // whose questions are headings, numbered or bold lines, a quote is an intro, a note or a footer
  // ("> Preparing for an interview?" under the title), and the deck is read again without them.
  return read.quoted && read.other ? scanWith(text, opts, false).deck : read.deck;
}

function scanWith(
  text: string,
  opts: ParseOptions,
  quotes: boolean,
): { deck: Deck; quoted: number; other: number } {
  const { file } = opts;
  let quoted = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A plain split is several times faster than a regular expression over a big deck.
  const lines = (body.includes("\r") ? body.replace(/\r\n?/g, "\n") : body).split("\n");
  const problems: DeckProblem[] = [];
  const pending: Pending[] = [];
  // The open headings by level (1-6): a question belongs to the deepest one above its own level.
  const stack: (Heading | undefined)[] = [];
  let last: Heading | undefined;
  let draft: Draft | undefined;
  let table: { cols: TableColumns } | undefined;
  /** No "-->" follows this line: a "<!--" from here on is text (see the comment branch). */
  let openCommentFrom = 0;
  /**
   * The plain heading just read and the headings open before it: when a <details> labelled "show"
   * or "Solution" follows it with nothing between (CKAD-exercises' style), it was a task, not a
   * section, and that block is its answer.
   */
  let plainHeading:
    | { h: HeadingLine; at: number; stack: (Heading | undefined)[]; last: Heading | undefined }
    | undefined;
  /** The "```markdown" fence a whole deck was pasted in, while it is open (see below). */
  let wrapper: Fence | undefined;
  /** A quoted question was read ("> What is X?"): then "> Explain Y" is the next of them. */
  let quoting = false;
  /** Sections that are <details> blocks ("<summary>Basics</summary>" over its questions). */
  const folds = new WeakSet<Heading>();
  /** Sections that are plain headings ("## Networking"), not question headings read as topics. */
  const plainHeads = new WeakSet<Heading>();
  /** Those of them that are the topic of question headings at their own level ("## AWS"). */
  const sameLevel = new WeakSet<Heading>();
  /** The levels of those still open: their "</details>" lines close them, and are no answer's text. */
  const openFolds: number[] = [];

  const warn = (line: number, message: string, skipped = false) => problems.push({ line, message, skipped });
  const fail = (line: number, reason: string): never => {
    throw new DeckError(file, line, reason);
  };
  const sectionFor = (level: number): Heading | undefined => {
    for (let l = Math.min(level - 1, 6); l >= 1; l--) if (stack[l]) return stack[l];
    return undefined;
  };
  const setHeading = (level: number, h: Heading) => {
    stack[level] = h;
    stack.length = level + 1;
    last = h;
  };
  /**
   * The plain heading just read turns out to be a question (a <details> "Solution" right under
   * it): its section is undone, and it starts a question of its own.
   */
  const headingAsQuestion = (task: NonNullable<typeof plainHeading>) => {
    stack.length = 0;
    stack.push(...task.stack);
    last = task.last;
    const prompt = cleanPrompt(headingWords(task.h.text));
    start({ shape: "heading", level: task.h.level, prompt, strong: true, labelled: false }, task.at);
  };
  const push = (from: number, to: number) => {
    if (!draft) return;
    const parts = draft.body;
    const tail = parts[parts.length - 1];
    if (typeof tail === "object" && tail[1] === from) tail[1] = to;
    else parts.push([from, to]);
  };
  /** Whether all a draft's text is the prompt below its bare "Question 12" (one line, or one bold over two). */
  const onlyPromptBelow = (d: Draft) => {
    if (d.q.prompt !== "") return false;
    const texts = trimBlank(expand(lines, d.body));
    return texts.length > 0 && texts.length === boldSpan(texts);
  };
  /** The prompt at the top of `texts` (the first has text) and what follows it: its line, or the lines its bold spans. */
  const promptOff = (texts: string[]): [string, string[]] => {
    const k = boldSpan(texts);
    if (k === 1) return [texts[0] ?? "", texts.slice(1)];
    return [
      texts
        .slice(0, k)
        .map((l) => l.trim())
        .join(" "),
      texts.slice(k),
    ];
  };
  const blank = (d: Draft) => !d.body.some((p) => (typeof p === "string" ? !isFiller(p) : hasText(lines, p)));

  const flush = () => {
    if (!draft) return;
    const d = draft;
    draft = undefined;
    const hasMarker = d.marker >= 0;
    let answer = hasMarker ? d.body.slice(d.marker) : d.body;
    let before = trimBlank(expand(lines, hasMarker ? d.body.slice(0, d.marker) : []));
    let prompt = d.q.prompt;
    // "**Question 3:**" or "### Question 3" with its prompt on the line below: before the answer
    // marker, or without one the body's first line.
    if (!prompt && before.length) {
      [prompt, before] = promptOff(trimBlank(before));
      prompt = cleanPrompt(prompt);
    } else if (!prompt && !hasMarker) {
      const [first, rest] = promptOff(trimBlank(expand(lines, answer)));
      prompt = cleanPrompt(first);
      answer = [trimBlank(rest).join("\n")];
    }
    if (!prompt)
      return warn(
        d.line,
        `question${d.q.number !== undefined ? ` ${d.q.number}` : ""} has no prompt: skipped`,
        true,
      );
    if (!answer.some((p) => (typeof p === "string" ? !isFiller(p) : hasText(lines, p))))
      return warn(d.line, `${questionName(d.q.number, prompt)} has no answer: skipped`, true);
    const small = shortAnswer(lines, answer);
    // "* **Definition:**" and "* **Why:**" with nothing after them: a template never filled in.
    if (small !== undefined && labelsOnly(small))
      return warn(d.line, `${questionName(d.q.number, prompt)} has no answer: skipped`, true);
    // "See 👉 [Answer](https://…)": nothing to show or grade, as with no answer at all.
    if (small !== undefined && linkOnly(small))
      return warn(d.line, `${questionName(d.q.number, prompt)} has only a link for an answer: skipped`, true);
    before = trimBlank(before.map(withoutImages));
    if (d.q.quoted) quoted++;
    pending.push({ ...d, prompt: before.length ? `${prompt}\n${before.join("\n")}` : prompt, body: answer });
  };

  /** A heading question whose questions sit under it becomes a section, as the heading it is. */
  const toSection = (d: Draft) => {
    draft = undefined;
    if (!blank(d))
      warn(
        d.line,
        `"${short(d.q.prompt)}" has questions under it: read as their section, its text as no answer`,
      );
    const h: Heading = { title: cleanTitle(d.q.prompt), line: d.line };
    if (d.rawMeta && opts.readSectionMeta) h.meta = opts.readSectionMeta(d.rawMeta);
    setHeading(d.q.level, h);
  };

  const start = (q: QuestionLine, i: number) => {
    const d = draft;
    if (d) {
      const empty = d.marker < 0 && !d.rawMeta && blank(d);
      if (empty && d.q.shape === q.shape && d.q.prompt === q.prompt && d.q.number === q.number) {
        return warn(i + 1, `repeats the question on line ${d.line}: read as one question`, true);
      }
      // A heading with questions under it is their topic: "## 1. Basics" over "### 1. What is a Node?".
      // Its own text is an introduction then, unless it asks something and so has an answer.
      const deeper =
        q.shape === "heading" && q.level > d.q.level && d.marker < 0 && (empty || !d.q.prompt.endsWith("?"));
      // "### Question 1" alone has no title to give a section: it is a question with no prompt.
      // "### 4. What is etcd?" over "#### 5. Explain Raft": the next question, not the topic of it.
      const asksBeforeNext =
        d.q.prompt.endsWith("?") && q.number !== undefined && q.number === (d.q.number ?? -2) + 1;
      const topic =
        d.q.shape === "heading" &&
        d.q.prompt !== "" &&
        !d.ruled &&
        !asksBeforeNext &&
        (deeper || (empty && q.labelled) || listUnder(d, q));
      if (topic) toSection(d);
      else flush();
    }
    // "## AWS" right over "## 3. What is EC2?": a plain heading at the question's own level, with
    // nothing between them, is the topic of that question and of the next ones, until the next heading
    // of that level. (One with text under it is no topic of them: a task answered by a code block. Nor
    // is a topic made from a question heading: its questions are deeper.)
    const same = q.shape === "heading" ? stack[q.level] : undefined;
    if (same && plainHeads.has(same) && !sameLevel.has(same) && !hasText(lines, [same.line, i]))
      sameLevel.add(same);
    const level = same && sameLevel.has(same) ? q.level + 1 : q.level;
    if (q.shape === "heading") stack.length = Math.min(stack.length, level);
    draft = { q, line: i + 1, body: [], marker: -1, at: sectionFor(level) };
  };

  /**
   * "# 3. Docker Interview Q&A" over "1. **What is Docker?**": a heading that asks nothing and has
   * no answer marked, over the first of a list of questions, is their topic.
   */
  const listUnder = (d: Draft, q: QuestionLine) =>
    q.shape === "list" &&
    !q.unasked &&
    (q.number === undefined || q.number === 1) &&
    d.q.shape === "heading" &&
    d.marker < 0 &&
    !asksOrTasks(d.q.prompt);
  /**
   * A list item that does not ask is a question only as the next of a run of them: "2. **Explain
   * orchestration.**" after question 1 of the same list, a bold bullet after a bulleted question.
   */
  const continues = (q: QuestionLine) =>
    !!draft &&
    draft.q.shape === "list" &&
    (q.number === undefined ? draft.q.number === undefined : q.number === (draft.q.number ?? -2) + 1);

  /** Whether a question line may start a question here, rather than being text of the answer above. */
  const opens = (q: QuestionLine): boolean => {
    if (q.unasked && !continues(q)) return false;
    if (!draft || draft.ruled) return true;
    // "## 1. Explain the architecture" over "### 1.1 Control plane": the parts of its answer.
    if (q.decimal && draft.q.shape === "heading" && !draft.q.decimal && q.level > draft.q.level)
      return !asksOrTasks(draft.q.prompt);
    if (q.shape === "heading") {
      if (draft.q.shape !== "heading" || q.level <= draft.q.level)
        return q.strong || q.level <= draft.q.level;
      // Deeper than the question above: a sub-heading of its answer ("#### 1. Drain the node"),
      // unless that question is a topic with nothing under it yet, or this one is plainly a question.
      if (!q.strong || draft.marker >= 0) return false;
      // "### 1. How do you upgrade a cluster?" over "#### 1. Upgrade the control plane": a question
      // over headings that ask nothing is answered by them, step by step, even with no text between.
      // One numbered next after it is the next question all the same ("### 2. What is etcd?" over
      // "#### 3. Explain Raft"); steps start again from one.
      const following = q.number !== undefined && q.number === (draft.q.number ?? -2) + 1;
      if (
        blank(draft) &&
        (following || !(draft.q.prompt.endsWith("?") && !q.named && !q.prompt.endsWith("?")))
      )
        return true;
      return !!q.named || q.prompt.endsWith("?") || !draft.q.prompt.endsWith("?");
    }
    return q.strong || draft.q.shape !== "heading" || (!draft.ruled && listUnder(draft, q));
  };

  /**
   * Whether the "```markdown" fence at `at` holds a deck: two questions or more before the bare
   * fence that would close it, the blocks inside it that name their language skipped. A template
   * shown in a README ("### What is <topic>?" over "**Answer:** …") holds one.
   */
  const wrapsQuestions = (at: number, open: Fence): boolean => {
    let found = 0;
    for (let j = at + 1; j < lines.length && found < 2; j++) {
      const line = lines[j] ?? "";
      const inner = fenceOpen(line);
      if (inner) {
        if (
          inner.char === open.char &&
          !line.slice(inner.length).trim() &&
          !(lines[prevWithText(lines, j)] ?? "").trimEnd().endsWith(":")
        )
          return false;
        const end = fenceEnd(lines, j, inner);
        j = typeof end === "number" ? end : end.unclosed - 1;
        continue;
      }
      if (isQuestionLine(j)) found++;
    }
    return found >= 2;
  };

  /** How many of `block`'s lines are questions of their own: bold, numbered, bulleted or headings. */
  const questionsIn = (block: readonly string[]): number => {
    let n = 0;
    for (let j = 0; j < block.length; j++) {
      const line = block[j] ?? "";
      const below = lineBelow(block, j);
      const h = line.startsWith("#") ? headingOf(line) : undefined;
      const q = h
        ? headingQuestion(h)
        : (bulletQuestion(line, below) ?? boldQuestion(line) ?? listQuestion(line));
      if (q && !("near" in q)) n++;
    }
    return n;
  };

  /** `12. Define X.` at line `j`, as the next of a run of plain questions. */
  const taskAt = (j: number): QuestionLine | undefined => {
    const line = lines[j] ?? "";
    if (!draft?.q.plain || draft.ruled || line.trimEnd().endsWith("?")) return undefined;
    // Not a step of that question's own numbered answer ("2. Create the ReplicaSet").
    if (expand(lines, draft.body).some((l) => /^\s*\d{1,9}[.)]\s/.test(l))) return undefined;
    return plainListTask(line, lineBelow(lines, j), draft.q.number);
  };
  /** `- **What is a Kernel?**` at line `j`, over its answer indented on the next line with text. */
  const bulletAt = (j: number): QuestionLine | undefined => {
    return bulletQuestion(lines[j] ?? "", lineBelow(lines, j));
  };

  /** A line that ends a code block left open: a question that could start here. */
  const isQuestionLine = (j: number): boolean => {
    const line = lines[j] ?? "";
    const lead = line.charCodeAt(0);
    if (lead === 124) return !!tableHeader(line, lines[j + 1] ?? ""); // |
    const h = lead === 35 ? headingOf(line) : undefined;
    const q = h
      ? headingQuestion(h)
      : isBullet(line)
        ? bulletAt(j)
        : lead === 42
          ? boldQuestion(line)
          : lead >= 48 && lead <= 57
            ? listQuestion(line)
            : undefined;
    return !!q && !("near" in q) && opens(q);
  };

  const tableRow = (line: string, i: number) => {
    if (!table) return;
    const cells = tableCells(line);
    const { cols } = table;
    const q = cells[cols.question]?.replace(/<br\s*\/?>/gi, " ") ?? "";
    const a = (cells[cols.answer] ?? "").replace(/<br\s*\/?>/gi, "\n").trim();
    const n = Number.parseInt(cells[cols.number] ?? "", 10);
    const row = boldQuestion(`**${q}**`);
    const prompt = row && !("near" in row) && row.prompt ? row.prompt : cleanTitle(q);
    if (!prompt) return warn(i + 1, "table row has no question: skipped", true);
    if (!a) return warn(i + 1, `question "${short(prompt)}" has no answer: skipped`, true);
    const number = Number.isFinite(n) && n > 0 ? n : undefined;
    const qline: QuestionLine = { shape: "table", level: 7, number, prompt, strong: true, labelled: false };
    pending.push({ q: qline, prompt, line: i + 1, body: [a], marker: -1, at: sectionFor(7) });
  };

  // Checked before the scan, which skips over code blocks whole.
  for (let i = 0; i < lines.length; i++)
    if ((lines[i] as string).length > MAX_LINE_LENGTH)
      fail(i + 1, `line is longer than ${MAX_LINE_LENGTH} characters`);

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineNo = i + 1;

    // Most lines are answer text: look at the first character before running any pattern on them.
    const lead = line.charCodeAt(0);
    if (table) {
      if (lead === 124) {
        tableRow(line, i);
        continue;
      }
      table = undefined;
    }
    const indented = lead === 32; // " "
    const fence = lead === 96 || lead === 126 || indented ? fenceOpen(line, lineNo) : undefined; // ` ~
    if (fence) {
      // A deck pasted from a chatbot's reply as it came, inside "```markdown" ... "```": the fence
      // lines are dropped and what they hold is read as the deck, headings included. Only before
      // the first question, over headings or questions, and at the margin: a "```markdown" block in
      // an answer is an example of Markdown. Its inner blocks say their language; a bare fence
      // line after them closes it, and the last answer with it.
      const info =
        lead === 32 || !(wrapper || (!draft && !pending.length))
          ? ""
          : line.slice(fence.length).trim().toLowerCase();
      if (
        wrapper &&
        !info &&
        lead !== 32 &&
        fence.char === wrapper.char &&
        fence.length >= wrapper.length &&
        // "e.g.:" over a bare fence opens a block of output inside the wrapped deck.
        !(lines[prevWithText(lines, i)] ?? "").trimEnd().endsWith(":")
      ) {
        wrapper = undefined;
        // What the reply says after it is no part of the last answer.
        flush();
        continue;
      }
      if (!wrapper && !draft && !pending.length && (info === "markdown" || info === "md")) {
        if (wrapsQuestions(i, fence)) {
          wrapper = fence;
          continue;
        }
      }
      // The scan stops at the next run of the fence's kind, so each line is looked at about once.
      const end = fenceEnd(lines, i, fence);
      if (typeof end === "number") {
        const close = lines[end] ?? "";
        const text = close.trim().replace(/^[`~]+/, "");
        push(i, text ? end : end + 1);
        // "```\"" closes the block; the text after the fence goes on a line of its own, so the answer renders.
        if (text && draft) draft.body.push(close.trim().slice(0, close.trim().length - text.length), text);
        i = end;
        continue;
      }
      const stop = end.unclosed;
      let q = i + 1;
      while (q < stop && !isQuestionLine(q)) q++;
      push(i, q);
      // Closed here, so the answer still renders as one block.
      if (draft) draft.body.push(fence.char.repeat(fence.length));
      if (q < stop) warn(lineNo, `code block is never closed: it ends before the question on line ${q + 1}`);
      else if (stop < lines.length)
        warn(lineNo, `code block is not closed before the code block on line ${stop + 1}`);
      else warn(lineNo, "code block is never closed");
      i = q - 1;
      continue;
    }

    if (indented && draft?.dedent && draft.marker < 0 && blank(draft)) {
      // An indented answer's marker, as in "1. **What is a Pod?**" over "    **Answer:** ..." or
      // "    * **Answer**: ...": it marks the answer as it would at the margin.
      const t = line.trim().replace(/^[-*+]\s+/, "");
      const rest = t.startsWith("**") ? answerMarker(t) : plainAnswerMarker(t, false);
      if (rest !== undefined) {
        draft.marker = draft.body.length;
        if (rest.trim()) draft.body.push(rest);
        continue;
      }
    }

    const metaOpen = lead === 60 || indented ? META_OPEN.exec(line.trim()) : null; // <
    if (metaOpen) {
      const raw = readMeta(lines, i, metaOpen[1] ?? "");
      if (!raw) {
        warn(lineNo, "quiz block is never closed with -->: ignored");
        continue;
      }
      i = raw.end;
      if (draft) {
        if (draft.rawMeta) warn(lineNo, `question ${draft.q.number ?? ""} has a second quiz block: ignored`);
        else draft.rawMeta = raw.meta;
      } else if (last && !last.used && opts.readSectionMeta) {
        last.meta = opts.readSectionMeta(raw.meta);
      }
      continue;
    }

    // < at the margin or indented less than code (four spaces): HTML, not an example's text.
    if (lead === 60 || (indented && /^ {1,3}</.test(line))) {
      const t = indented ? line.trim() : line;
      if (openFolds.length && /^<\/details>\s*$/i.test(t)) {
        // The fold's end ends its last answer, and its section: what follows is the heading's above.
        flush();
        stack.length = Math.min(stack.length, openFolds.pop() ?? 0);
        continue;
      }
      if (t.startsWith("<!--") && i >= openCommentFrom) {
        // A comment is hidden wherever Markdown is shown: a question commented out is not asked.
        let j = i;
        let rest = t.slice(4);
        while (j < lines.length && !rest.includes("-->")) rest = lines[++j] ?? "";
        if (j >= lines.length) {
          // Never closed: read as text, and no later "<!--" looks for a close again (that was a scan
          // to the end of the deck for each of them).
          openCommentFrom = lines.length;
          warn(lineNo, "comment is never closed with -->: read as text");
        } else {
          // Text after the close on its line is still the answer's.
          const after = rest.slice(rest.indexOf("-->") + 3).trim();
          if (after && draft) draft.body.push(after);
          i = j;
          continue;
        }
      } else if (/^<details\b/i.test(t)) {
        const block = detailsBlock(lines, i);
        if (block) {
          const label = isSummaryLabel(block.summary);
          // Inside a question's answer, a <details> that does not ask is part of that answer
          // ("Answer", "Show answer", "Example"); one that asks, or one among others like it, is a question.
          // Inside another question's answer a <details> is part of it ("Why does the back-off grow?",
          // "1. Start a debug pod"), unless a rule ended that answer or it carries the next number.
          const asked = label ? undefined : summaryQuestion(block.summary);
          if (asked && !ASKS.test(asked.prompt) && questionsIn(block.content) >= 2) {
            // "<summary>Basics</summary>" over "- **What is a Kernel?**" and more: a topic whose
            // questions fold away. A section, one level under the headings above (in place of the
            // fold before it), and its lines are read on from the summary's.
            flush();
            let level = 1;
            for (let l = Math.min(stack.length - 1, 5); l >= 1; l--) {
              const h = stack[l];
              if (h && !folds.has(h)) {
                level = l + 1;
                break;
              }
            }
            // Its title without its number: "1. Basics" is the section "Basics".
            const h: Heading = { title: cleanTitle(asked.prompt), line: lineNo };
            folds.add(h);
            setHeading(level, h);
            openFolds.push(level);
            let j = i;
            while (j < block.end && !/<\/summary>/i.test(lines[j] ?? "")) j++;
            i = j;
            continue;
          }
          const next =
            asked?.number !== undefined &&
            asked.number === (draft?.q.number ?? -2) + 1 &&
            asked.prompt.endsWith("?");
          const inAnswer = !!draft && draft.q.shape !== "details" && !draft.ruled && (label || !next);
          const q = !inAnswer ? asked : undefined;
          // Not a deck's title over a list of links (a table of contents to expand).
          const onlyLinks = block.content.every(
            (l) => !l.trim() || /^\s*(?:[-*+]\s*|\d+\.\s*)?\[[^\]]*\]\([^)]*\)\s*$/.test(l),
          );
          const task =
            label &&
            !draft &&
            plainHeading &&
            plainHeading.h.level >= 2 &&
            // A task says what to do ("Get pods on all namespaces"); "## Networking" is a topic.
            plainHeading.h.text.trim().split(/\s+/).length >= 3 &&
            !hasText(lines, [plainHeading.at + 1, i]) &&
            !onlyLinks
              ? plainHeading
              : undefined;
          const nested = q && !task ? nestedAnswer(block.summary, block.content) : undefined;
          if (task) {
            // The heading was taken for a section: it is a question whose answer this block holds.
            headingAsQuestion(task);
            if (draft) draft.body.push(...block.content);
            flush();
          } else if (nested && q) {
            // "<summary>Question 1</summary>" over the question's text and a nested
            // "<details><summary>Answer</summary>": that text is the prompt, the nested block the answer.
            start({ ...q, prompt: "" }, i);
            if (draft) {
              draft.body.push(...nested.before);
              draft.marker = draft.body.length;
              draft.body.push(...nested.answer, ...nested.after);
            }
            flush();
          } else if (q) {
            start(q, i);
            if (draft) draft.body.push(...block.content);
            flush();
          } else if (draft) {
            if (!label) draft.body.push(`**${block.summary}**`, "");
            // "<summary>Answer</summary>" under a question's text (an exercise's steps): it marks the
            // answer, as "**Answer:**" does, and that text stays with the question.
            else if (draft.marker < 0 && !blank(draft) && /\b(?:answer|solution)\b/i.test(block.summary))
              draft.marker = draft.body.length;
            draft.body.push(...block.content);
          }
          i = block.end;
          continue;
        }
      }
    }

    if (lead === 60) {
      // "<b>1. What is Python?</b><br>": a bold line written in HTML.
      const html = /^<(b|strong)>(.+?)<\/\1>\s*(?:<br\s*\/?>)?\s*$/i.exec(line);
      const q = html ? boldQuestion(`**${htmlText(html[2] ?? "")}**`) : undefined;
      if (q && !("near" in q) && opens(q)) {
        start(q, i);
        continue;
      }
    }

    if (lead === 35) {
      // #
      const h = headingOf(line);
      if (
        h &&
        draft &&
        draft.marker < 0 &&
        ANSWER_HEADING.test(headingWords(h.text)) &&
        // Not "## Answers" over an answer key: one word, at the question's level or under it.
        (draft.q.shape !== "heading" || h.level >= draft.q.level) &&
        (blank(draft) || onlyPromptBelow(draft))
      ) {
        // "### Answer:" right under a question: its answer marker, written as a heading.
        draft.marker = draft.body.length;
        continue;
      }
      if (h) {
        // "### Explain a Pod" over "**Answer**: ..." (or "Answer:", "Ans:"): a heading right over an
        // answer marker asks what it says, as a numbered one does.
        // Not a sub-heading of the answer of a heading question above it ("#### Rolling back").
        const sub = !!draft && !draft.ruled && draft.q.shape === "heading" && h.level > draft.q.level;
        const q =
          headingQuestion(h) ??
          (!sub && marksAnswer(lines[nextWithText(lines, i)]) ? markedHeading(h) : undefined);
        if (q && "near" in q) {
          warn(lineNo, q.near, true);
        } else if (q && opens(q)) {
          start(q, i);
          continue;
        } else if (
          !q &&
          !(draft?.q.shape === "heading" && !draft.ruled && h.level >= 3 && h.level >= draft.q.level)
        ) {
          // A plain heading: the section of what follows, unless it is a sub-heading of an answer.
          flush();
          const title = cleanTitle(h.text);
          // "## Table of Contents" heads a list of links: the questions after it keep the section above.
          if (!CONTENTS.test(title)) {
            plainHeading = { h, at: i, stack: stack.slice(), last };
            const head: Heading = { title, line: lineNo };
            plainHeads.add(head);
            setHeading(h.level, head);
          }
          continue;
        }
        push(i, i + 1);
        continue;
      }
    }
    if (
      (lead === 45 || lead === 42 || lead === 95 || lead === 0x2e3b || lead === 0x2014 || indented) &&
      RULE_LINE.test(line)
    ) {
      // - * _
      // A rule between questions ends the answer above for any question line that follows (a bold
      // "**What is X?**" after a heading question's answer is a question of its own then), but text
      // after it ("**Follow-up:** ...") is still that answer's. One left at an answer's end is dropped.
      push(i, i + 1);
      if (draft) draft.ruled = true;
      continue;
    }
    // Asked only after a plain numbered question: most lines of a deck are not a digit after one.
    const task = lead >= 48 && lead <= 57 && draft?.q.plain ? taskAt(i) : undefined;
    if (lead === 42 && line.charCodeAt(1) === 42) {
      // **
      if (draft && draft.marker < 0) {
        const rest = answerMarker(line);
        if (rest !== undefined) {
          draft.marker = draft.body.length;
          if (rest.trim()) draft.body.push(rest);
          continue;
        }
      }
      const q = boldQuestion(line);
      if (q && !("near" in q) && opens(q)) {
        start(q, i);
        continue;
      }
    } else if (lead >= 48 && lead <= 57 && (line.includes("**") || line.includes("#"))) {
      // A digit: "1.  **What is a Pod?**", or "1. ### What is Kubernetes"
      const q = listQuestion(line) ?? listHeadingQuestion(line);
      if (q && opens(q)) {
        start(q, i);
        if (draft) draft.dedent = true;
        continue;
      }
    } else if (task) {
      // A digit: "12. Define Azure Scale Sets." as the next of a run of "11. What is …?" questions.
      start(task, i);
      continue;
    } else if (
      ((lead >= 48 && lead <= 57) || line.startsWith("\u{1F51F}")) &&
      line.trimEnd().endsWith("?") &&
      (!draft || draft.ruled || draft.q.shape === "list" || !!draft.q.quoted)
    ) {
      // A digit: "1. What is a subnet mask?" over its answer, where no other question is open.
      const below = lineBelow(lines, i);
      // Where no question is open, or only one of these plain ones, the line below need not be
      // indented: "1. What is a Pod?" over a paragraph or bullets at the margin is how many people
      // write notes. Under a bold "1. **How …?**" it must be, or those are questions of its answer.
      const margin = !draft || draft.ruled || !!draft.q.plain || !!draft.q.quoted;
      // Unless the line below is another numbered line (a list of questions, or steps), or a
      // heading; nor in the middle of a numbered list (the line above one of its items), nor under
      // bullets that are not the previous question's answer.
      const numbered = /^\s*\d{1,9}[.)]\s/;
      const above = lines[i - 1] ?? "";
      const listed =
        (below !== undefined && (numbered.test(below) || /^\s*#{1,6}(?:\s|$)/.test(below))) ||
        numbered.test(above) ||
        (/^\s*[-*+]\s/.test(above) && draft?.q.shape !== "list");
      const q = plainListQuestion(line, below && !listed && margin ? `  ${below}` : below);
      if (q) {
        start(q, i);
        if (draft) draft.dedent = true;
        continue;
      }
    } else if (isBullet(line) && line.includes("**")) {
      // - * +: "- **What is a Kernel?**" over its indented answer.
      const q = bulletAt(i);
      if (q && opens(q)) {
        start(q, i);
        if (draft) draft.dedent = true;
        continue;
      }
    } else if (lead === 62 && quotes && (!draft || draft.ruled || (!!draft.q.quoted && !blank(draft)))) {
      // >: "> What is a closure?" on a line of its own, where no other kind of question is open
      // (and not right under a quoted question with nothing under it yet: that is its answer).
      const q = quoteQuestion(line, lines[i - 1], lines[i + 1], quoting);
      if (q) {
        quoting = true;
        start(q, i);
        continue;
      }
    } else if (lead === 40) {
      // (: "(3) What is a channel?"
      const q = parenQuestion(line, lines[nextWithText(lines, i)]);
      if (q && opens(q)) {
        start(q, i);
        continue;
      }
    } else if (lead === 81) {
      // Q: "Q: What is ARP?", "Question 3: What is NAT?"
      const q = plainQuestion(line);
      if (q && opens(q)) {
        start(q, i);
        continue;
      }
    }
    if (
      draft &&
      draft.marker < 0 &&
      (lead === 65 || lead === 97 || lead === 83 || lead === 115) &&
      // On the first line of the answer; for "Question 12" alone, right after its prompt below it.
      (blank(draft) || onlyPromptBelow(draft))
    ) {
      // A S: a plain "Answer:" or "A." on the first line of an answer marks it, as **A:** does,
      // under a question of any style. A bare "A." not over a "B." (blank lines between allowed):
      // then A-D are options, not an answer.
      const rest = plainAnswerMarker(line, !/^\s*B[.)]\s/.test(lines[nextWithText(lines, i)] ?? ""));
      if (rest !== undefined) {
        draft.marker = draft.body.length;
        if (rest.trim()) draft.body.push(rest);
        continue;
      }
    } else if (lead === 124 && i + 1 < lines.length) {
      // |
      const cols = tableHeader(line, lines[i + 1] ?? "");
      if (cols) {
        flush();
        table = { cols };
        i++;
        continue;
      }
    }
    push(i, i + 1);
  }
  flush();
  // A table's rows are questions too, pushed without a draft: every other question counts.
  return { deck: finishDeck(lines, pending, problems, opts), quoted, other: pending.length - quoted };
}
