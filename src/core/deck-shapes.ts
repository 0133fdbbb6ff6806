import { repairMojibake } from "./mojibake.js";
import { once } from "./once.js";
import { linkText, MARKDOWN_LINK, plainLetters, stripControl } from "./text.js";

/**
 * The shapes of question lines people write in decks, read one line at a time with no Markdown lexer.
 * Each classifier looks at a single line; which of them may start a question where is the parser's call.
 */

/** Which way a question was written; decides what may end it and how its answer is read. */
export type Shape = "heading" | "bold" | "list" | "table" | "details";

export interface QuestionLine {
  shape: Shape;
  /** Heading level 1-6; 7 for a line that is no heading, so any heading ends its answer. */
  level: number;
  /** The number written with it, if any. */
  number?: number;
  prompt: string;
  /**
   * Says outright that it is a question (a number, or a label such as "Q:"), rather than only
   * ending in "?". A bold or heading line that merely asks something, inside an answer, stays text.
   */
  strong: boolean;
  /** `**Q:**`-style label: a heading just above it with nothing in between is its topic. */
  labelled: boolean;
  /** A heading that names itself a question ("Question 4:", "Q3:", "Scenario 2:"), not just "4.". */
  named?: boolean;
  /**
   * A list item that does not ask ("2. **Explain orchestration.**"): a question only as the next
   * of a run of its kind, which the parser decides.
   */
  unasked?: boolean;
  /** A plain numbered line ("1. What is X?"), not a bold one: its answer may sit at the margin. */
  plain?: boolean;
  /** A heading numbered "1.1": a task under a topic, or a part of the answer to one that asks. */
  decimal?: boolean;
  /** A blockquote line of its own ("> What is a closure?"): the next one like it is the next question. */
  quoted?: boolean;
}

/**
 * Whether a heading's words ask something or set a task ("Explain the architecture", "Debug a pod
 * stuck in Pending"), although they end in no "?": what sits under it is its answer's parts then,
 * not questions it is the topic of ("Cluster Setup", "Docker Interview Q&A").
 */
export function asksOrTasks(prompt: string): boolean {
  return ASKS.test(prompt) || ASKING_START.test(prompt);
}
const ASKING_START =
  /^(?:explain|describe|debug|troubleshoot|fix|how|what|why|when|where|which|who|whom|compare|contrast|differentiate|distinguish|difference|list|name|define|write|create|design|implement|find|show|give|tell|discuss|outline|can|could|is|are|do|does|did|should|would|will)\b/i;

export interface HeadingLine {
  level: number;
  text: string;
}

/** A line the parser cannot use although it looks like a question, and why. */
export interface NearMiss {
  near: string;
}

const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
// Emoji, arrows, bullets, stars and bold markers that decorate the start of a heading.
const LEAD_DECOR = once(
  () =>
    /^(?:[\s*>\u2022\u00B7\u25AA\u25B8\u25BA\u25B6\u2705\u2714\u2611\u2753\u2754]|(?<!_)_{1,3}(?!_)|\p{Extended_Pictographic}|\uFE0F|\u200D)+/u,
);
// One to three underscores are emphasis; four or more are a cloze card's blank ("… is _____"), kept.
const TRAIL_DECOR = once(() => /(?:[\s*]|(?<!_)_{1,3}(?!_)|\p{Extended_Pictographic}|\uFE0F|\u200D)+$/u);
// A link in a prompt, not an image (a badge, which tidying takes off).
const LINK = once(() => new RegExp(`(?<!!)${MARKDOWN_LINK}`, "g"));
const LABEL = "(?:interview\\s+)?(?:question|ques|qn|q|scenario|problem|exercise|task|challenge|case)";
const DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]";
// "Question 4: …", "Q3) …", "1. …", "7 - …", "1️⃣ …", and "13.What …" with no space after its dot.
// The number is never followed by a digit ("1.1").
const NUMBERED = new RegExp(
  `^(?:(${LABEL})\\s*[.#]?\\s*)?(\\d{1,6})(?:\\s*(?:[:.)]|${DASH})(?!\\d)\\s+|[.)](?=[a-z])|\\uFE0F?\\u20E3\\s*)(.*)$`,
  "iu",
);
// "Q.1 What is a taint?", "Question 7 What is a Job?": a label says it is a question, so the number
// needs no punctuation after it.
const LABELLED = new RegExp(`^(${LABEL})\\s*[.#]?\\s*(\\d{1,6})\\s+(?=[^\\s\\d])(.*)$`, "iu");
// Keycap digits: "1️⃣1️⃣ What is a ClusterRole?" is question 11.
const KEYCAPS = /^((?:\d\uFE0F?\u20E3)+)\s*/u;
// An anchor for links to the heading, which a reader never sees: <a name="q9"></a>, <a id="x"/>.
const ANCHOR = /<a\s+(?:name|id)\s*=\s*["']?[^"'>]*["']?\s*(?:\/>|>\s*<\/a>)/gi;
// A heading that is a link as a whole: "### [7. What is X?](https://...)".
const WHOLE_LINK = /^\[(.+)\]\((?:[^()\s]|\([^()]*\))*\)$/;
const DECIMAL = /^\d{1,3}(?:\.\d{1,3})+\.?\s+(?=\S)(.*)$/;
// "Question 2:NoSpace": a labelled number with its text glued on.
const GLUED = new RegExp(`^${LABEL}\\s*\\d+\\s*[:.)](?=\\S)`, "i");
// "Q3." or "### 7." with nothing after it.
const BARE = new RegExp(
  `^(?:${LABEL}\\s*#?\\s*\\d{1,6}\\s*(?:[:.)]|${DASH}|\\uFE0F?\\u20E3)?|\\d{1,6}\\s*(?:[:.)]|\\uFE0F?\\u20E3))\\s*$`,
  "iu",
);
const UNNUMBERED = new RegExp(`^${LABEL}\\s*[:.)]\\s*(.*)$`, "i");
/** Ends by asking: "?", maybe inside closing quotes or brackets. */
export const ASKS = /\?["'\u201D\u2019)\]]*$/;
const ANSWER = /^\*\*(?:answer\s*[:.]?|(?:a|ans|solution|candidate)\s*[:.)])\*\*\s*:?\s*(.*)$/i;
const ANSWER_OUT = /^\*\*(?:a|ans|solution|candidate)\*\*\s*:\s*(.*)$/i;
// "**1)** Explain what is Go?": a bold number, its question after it.
const BOLD_NUMBER = /^(\d{1,6})\s*[.):]?$/;
const BOLD = /^\*\*(.+?)\*\*\s*(.*)$/;
// Fewer labels than headings take: "**Problem:**" or "**Task:**" in an answer is a paragraph's lead-in.
const BOLD_LABEL =
  /^(?:(?:interview\s+)?(?:question|ques|qn|q)|scenario|interviewer)\s*#?\s*(\d{1,6})?\s*[:.)]\s*(.*)$/i;
const LIST = /^(\d{1,4})[.)]\s+\*\*(.+?)\*\*\s*:?\s*$/;
// "1. **What is the purpose of the** `/etc/fstab` file?": bold only at its start, asking at its end.
const LIST_PART = /^(\d{1,4})[.)]\s+(\*\*.+?\*\*.*\S)\s*$/;
// "- **What is a Kernel?**" over its indented answer.
const BULLET = /^[-*+]\s+\*\*(.+?)\*\*\s*:?\s*$/;

/** A heading line's level and text, or undefined. */
export function headingOf(line: string): HeadingLine | undefined {
  const m = HEADING.exec(line);
  if (!m?.[1]) return undefined;
  return { level: m[1].length, text: m[2] ?? "" };
}

/** What a heading's text says: a question, a near miss, or nothing (a plain heading). */
export function headingQuestion(h: HeadingLine): QuestionLine | NearMiss | undefined {
  const t = headingWords(h.text);
  if (LEAD_RANGE.test(t)) return undefined;
  const n = NUMBERED.exec(t) ?? LABELLED.exec(t);
  if (n) {
    const prompt = cleanPrompt(n[3] ?? "");
    if (!prompt) return { near: `question ${Number(n[2])} has no prompt` };
    const named = !!n[1];
    return {
      shape: "heading",
      level: h.level,
      number: Number(n[2]),
      prompt,
      strong: true,
      labelled: false,
      named,
    };
  }
  // "### 1.1 Check the cluster's version": a numbered step of a topic ("## 1. Cluster setup"), a
  // question numbered by its place (its own number repeats across topics).
  const decimal = DECIMAL.exec(t);
  if (decimal) {
    const prompt = cleanPrompt(decimal[1] ?? "");
    if (prompt)
      return { shape: "heading", level: h.level, prompt, strong: true, labelled: false, decimal: true };
  }
  if (GLUED.test(t))
    return {
      near: "looks like a question heading but has no space after its number: read as part of the answer above",
    };
  // "### Question 1" or "## Q:" alone: the prompt is the line below it, which the parser finds.
  if (BARE.test(t)) {
    const number = Number(/\d+/.exec(t)?.[0]);
    return {
      shape: "heading",
      level: h.level,
      number,
      prompt: "",
      strong: true,
      labelled: false,
      named: true,
    };
  }
  const u = UNNUMBERED.exec(t);
  if (u) {
    const prompt = cleanPrompt(u[1] ?? "");
    return { shape: "heading", level: h.level, prompt, strong: true, labelled: false, named: true };
  }
  // Asks once its badges and decoration are off: "### What is a Pod? ![easy](…) ⭐".
  const prompt = cleanPrompt(t);
  if (ASKS.test(prompt)) return { shape: "heading", level: h.level, prompt, strong: false, labelled: false };
  return undefined;
}

/** A plain heading right over an answer marker: a question in its own words ("### Explain a Pod"). */
export function markedHeading(h: HeadingLine): QuestionLine | undefined {
  const prompt = cleanPrompt(headingWords(h.text));
  return prompt ? { shape: "heading", level: h.level, prompt, strong: true, labelled: false } : undefined;
}

/**
 * A heading's words as a reader sees them: anchors, a link around the whole heading, bold markers
 * (a heading is bold already) and leading decoration gone, keycap digits as a plain number.
 */
export function headingWords(text: string): string {
  let t = text;
  if (t.includes("<")) t = t.replace(ANCHOR, "").trim();
  const link = t.startsWith("[") ? WHOLE_LINK.exec(t) : null;
  if (link?.[1]) t = link[1];
  if (t.includes("**")) t = t.replace(/\*\*/g, "");
  t = t.replace(LEAD_DECOR(), "");
  const caps = KEYCAPS.exec(t);
  if (caps?.[1] && /\u20E3.*\u20E3/u.test(caps[1]))
    t = `${caps[1].replace(/\uFE0F?\u20E3/gu, "")}. ${t.slice(caps[0].length)}`;
  return t;
}

/** The text after an answer marker (`**A:**`, `**Answer:**`, `**Solution:**`), or undefined. */
export function answerMarker(line: string): string | undefined {
  const m = ANSWER.exec(line) ?? ANSWER_OUT.exec(line);
  return m ? (m[1] ?? "") : undefined;
}

// "Answer: ...", "Ans. ...", "A. ...", "A) ...", "Solution: ..." written without bold, on the first
// line of an answer. A bare "A" needs its punctuation and a space, so "A Pod is..." stays text.
const PLAIN_ANSWER = /^(?:answer|solution)\s*:\s*(.*)$|^ans\s*[:.]\s*(.*)$/i;
// "A :Three way handshake…" too: a colon after a space, the text right after it.
const LETTER_ANSWER = /^A\s*(?:[:.)]\s+|\s:)(\S.*)$/;

/**
 * The text after a plain answer marker (`Answer:`, `Ans.`, and with `letter`, `A.`) that opens an
 * answer, or undefined.
 */
export function plainAnswerMarker(line: string, letter = true): string | undefined {
  const t = line.trim();
  const m = PLAIN_ANSWER.exec(t) ?? (letter ? LETTER_ANSWER.exec(t) : null);
  return m ? (m[1] ?? m[2] ?? "") : undefined;
}

// "Q: What is ARP?", "Q. What is a VLAN?", "Question 3: What is NAT?", "Q.5 What is swap?" written
// without bold; "Question 12:" or "Question 13" alone, its prompt on the line below.
// "Q :Suppose that…" too: a colon after a space, the text right after it.
const PLAIN_Q = /^(?:Q|Question)\s*(\d{1,6})?(?:\s*[:.)]\s+|\s+:)(\S.*)$/;
const PLAIN_Q_NUMBERED = /^(?:Q|Question)\s*[.#]?\s*(\d{1,6})\s*[:.)]?(?:\s+(\S.*))?$/;

/** A question on a plain labelled line: `Q: What is ARP?`, its answer below (often after `A.`). */
export function plainQuestion(line: string): QuestionLine | undefined {
  const labelled = PLAIN_Q.exec(line);
  const numbered = labelled ? null : PLAIN_Q_NUMBERED.exec(line.trimEnd());
  const m = labelled ?? numbered;
  if (!m) return undefined;
  const prompt = cleanPrompt(m[2] ?? "");
  // A bare "Question 12" needs its number: the prompt is the line below, which the parser finds.
  if (!prompt && !m[1]) return undefined;
  if (numbered) {
    // Without punctuation only a question is one: "Q.5 What is swap?", "Question 13" alone, but
    // never "Q3 2024 revenue grew" in an answer's text.
    const punctuated = /^(?:Q|Question)\s*[.#]?\s*\d+\s*[:.)]/.test(line);
    if (prompt ? !punctuated && !prompt.endsWith("?") : !/^Question\b/.test(line)) return undefined;
  }
  const number = m[1] ? Number(m[1]) : undefined;
  // Not strong: "Q3: revenue grew 10%" inside a heading question's answer is its text.
  return { shape: "bold", level: 7, number, prompt, strong: false, labelled: true };
}

/**
 * `> What is a closure?` on a line of its own, over its answer: how some decks set their questions
 * off. Its own line only, under a blank line or a heading: a quote that goes on (`below` is quoted
 * too), or that follows a line of text, is a note in an answer. It asks ("?"); one that sets a task
 * ("> Explain event delegation") counts once such questions were read (`run`). The parser opens
 * one only where no other kind is open, and reads them only in a deck whose questions they are.
 */
export function quoteQuestion(
  line: string,
  above: string | undefined,
  below: string | undefined,
  run: boolean,
): QuestionLine | undefined {
  // Set off from what is above it (a blank line or a heading), as a question is.
  if (above?.trim() && !/^\s*#{1,6}\s/.test(above)) return undefined;
  if (/^\s*>/.test(below ?? "")) return undefined;
  const m = /^>\s*(?:[-*+]\s+)?(\S.*)$/.exec(line.trimEnd());
  if (!m?.[1] || m[1].startsWith(">")) return undefined;
  const prompt = cleanPrompt(m[1]);
  if (!/\p{L}/u.test(prompt) || !(prompt.endsWith("?") || (run && TASK_START.test(prompt)))) return undefined;
  return { shape: "bold", level: 7, prompt, strong: false, labelled: false, quoted: true };
}

/**
 * A line that sets a task or asks without its "?": "Explain event delegation", "What is JSONP"
 * (not "Do not…", "Can be combined…", "When a plain function…": notes and answers start so).
 */
const TASK_START =
  /^(?:explain|describe|compare|contrast|differentiate|distinguish|list|name|define|discuss|outline|present|give|write|design|implement|what|how|why|which|who)\b/i;

/**
 * A line that is only a bold label, `* **Why:**` or `**Example:** []()`: the blank of a template
 * (a deck that gives every question "Definition / Example / Why" and fills in a few).
 */
const LABEL_ONLY =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)[^*_\n]+?(?::(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(?:\[\]\(\)\s*)*$/;
/** A line's leading bold label, `* **References:** ` in `* **References:** [MDN](…)`. */
const LABEL_LEAD = /^(\s*)(?:[-*+]\s+)?(?:\*\*|__)[^*_\n]+?(?::(?:\*\*|__)|(?:\*\*|__)\s*:)\s*/gm;

/** A line of reference links under their label: `* **References:** [MDN](…), [SitePoint](…)`. */
const REFERENCE_LINE =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:references?|sources?|links?|resources?|further reading|read more|see also)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?:\[[^\]\n]*\]\([^)\s]*\)[\s,;|\u00B7-]*)+$/gim;

/**
 * How many of `texts` (lines, the first with text) the first one's bold takes: a bold prompt written
 * over two lines ("**Determine the output of:" over "$ echo 'hi'**") is one prompt, the line its
 * bold closes on included (up to four lines, and no blank one: bold ends with its paragraph);
 * otherwise 1.
 */
export function boldSpan(texts: readonly string[]): number {
  const first = texts[0]?.trim() ?? "";
  if (!first.startsWith("**") || (first.match(/\*\*/g)?.length ?? 0) % 2 === 0) return 1;
  // "**What is `$$`?" over "The PID of the shell.**": a whole card in bold, its question one line.
  if (first.endsWith("?")) return 1;
  for (let k = 1; k < Math.min(texts.length, 4); k++) {
    const t = texts[k]?.trim() ?? "";
    if (!t) return 1;
    if ((t.match(/\*\*/g)?.length ?? 0) % 2 === 1) return t.endsWith("**") ? k + 1 : 1;
  }
  return 1;
}

/** The labels a template gives every answer, to be filled in: "Definition", "Example", "Why". */
const TEMPLATE_LABEL =
  /^(?:definition|examples?|why|how|when|where|what|references?|sources?|answer|explanation|notes?|use cases?|pros|cons|advantages|disadvantages|summary|key points?|code|output|syntax|description|details|solution|tips?)$/i;

/**
 * Whether a line is only a bold label a template gives, not filled in. A label of another word is
 * an answer: "* **Encapsulation:**" under "Name the four pillars of OOP".
 */
export function labelOnlyLine(line: string): boolean {
  if (!LABEL_ONLY.test(line)) return false;
  const label = /(?:\*\*|__)([^*_\n]+?)\s*:?\s*(?:\*\*|__)/.exec(line)?.[1] ?? "";
  return TEMPLATE_LABEL.test(label.trim());
}

/** Whether an answer is only a template's labels, with nothing filled in: no answer at all. */
export function labelsOnly(answer: string): boolean {
  let any = false;
  for (const line of answer.split("\n")) {
    if (!line.trim()) continue;
    if (!labelOnlyLine(line)) return false;
    any = true;
  }
  return any;
}

/** Whether `line` opens an answer: `**Answer:**`, `**Ans)**`, `Ans:` and their like (not a bare `A.`). */
export function marksAnswer(line: string | undefined): boolean {
  const t = line?.trim() ?? "";
  return answerMarker(t) !== undefined || plainAnswerMarker(t, false) !== undefined;
}

// "(3) What is a channel?": a number in parentheses.
const PAREN_Q = /^\((\d{1,4})\)\s+(\S.*)$/;

/**
 * `(3) What is a channel?` over its answer (often after `Ans:`). One that does not ask is a
 * question only over an answer marker (`next` is the first line with text below it): "(1) the
 * scheduler picks a node" in an answer's text stays text.
 */
export function parenQuestion(line: string, next: string | undefined): QuestionLine | undefined {
  const m = PAREN_Q.exec(line.trimEnd());
  if (!m) return undefined;
  const prompt = cleanPrompt(m[2] ?? "");
  if (!prompt) return undefined;
  if (!ASKS.test(prompt) && !marksAnswer(next)) return undefined;
  return { shape: "bold", level: 7, number: Number(m[1]), prompt, strong: false, labelled: false };
}

// "1. What is a subnet mask?" with its answer indented under it: a plain numbered question.
const PLAIN_LIST = /^(\d{1,4})[.)]\s+(\S.*\?)\s*$/;
// "1️⃣", "11️⃣" (the keycap on the last digit) or "1️⃣1️⃣", and "🔟".
const KEYCAP_LIST = /^((?:\d{1,3}\uFE0F?\u20E3){1,3}|\u{1F51F})\s*(\S.*\?)\s*$/u;

/**
 * `1. What is a subnet mask?` over an indented answer, or over `Ans: ...` at the margin (the parser
 * passes an answer at the margin indented where one may be). Only the question mark and the line
 * below tell it from a numbered step, so the parser takes it only where no other question is open.
 */
export function plainListQuestion(line: string, next: string | undefined): QuestionLine | undefined {
  // "1️⃣ What is Docker?": keycap digits for the number, as some notes write them.
  const m = PLAIN_LIST.exec(line) ?? KEYCAP_LIST.exec(line);
  if (!m || !next) return undefined;
  if (!marksAnswer(next) && !/^(?: {2,}|\t)\S/.test(next)) return undefined;
  const prompt = cleanPrompt(m[2] ?? "");
  return prompt
    ? plainItem(m[1] === "\u{1F51F}" ? 10 : Number((m[1] ?? "").replace(/[^\d]/g, "")), prompt)
    : undefined;
}

/** A plain numbered line's question ("1. What is X?", "12. Define X."). */
const plainItem = (number: number, prompt: string): QuestionLine => ({
  shape: "list",
  level: 7,
  number,
  prompt,
  strong: false,
  labelled: false,
  plain: true,
});

// "12. Define Azure Scale Sets.": a numbered line that sets a task rather than asks.
const PLAIN_TASK = /^(\d{1,4})[.)]\s+(\S.*?)\s*$/;

/**
 * `12. Define Azure Scale Sets.` over its answer, as the next of a run of `11. What is …?`
 * questions (`after` is that run's last number): a numbered line that does not ask is a question
 * only there, and only when it sets a task ("Define", "Explain", "List" …), never a step of a list.
 */
export function plainListTask(
  line: string,
  next: string | undefined,
  after: number | undefined,
): QuestionLine | undefined {
  const m = PLAIN_TASK.exec(line);
  if (!m || !next || after === undefined || Number(m[1]) !== after + 1) return undefined;
  const prompt = cleanPrompt(m[2] ?? "");
  if (!prompt || prompt.endsWith("?") || !ASKING_START.test(prompt)) return undefined;
  return plainItem(Number(m[1]), prompt);
}

// "1. ### What is Kubernetes": a numbered list item whose text is a heading, its answer indented.
// Two hashes at least: "1. # run as root" in an answer's list is a shell comment, not a heading.
const LIST_HEADING = /^(\d{1,4})[.)]\s+#{2,6}\s+(.+?)(?:\s+#+)?\s*$/;

/** `1. ### What is Kubernetes`, as in many public collections, its answer indented below it. */
export function listHeadingQuestion(line: string): QuestionLine | undefined {
  const m = LIST_HEADING.exec(line);
  if (!m) return undefined;
  const prompt = cleanPrompt(headingWords(m[2] ?? ""));
  return prompt
    ? { shape: "list", level: 7, number: Number(m[1]), prompt, strong: true, labelled: false }
    : undefined;
}

/** A question written as a bold line: `**Q1: What?**`, `**Q:** What?`, `**What is X?**`. */
export function boldQuestion(line: string): QuestionLine | NearMiss | undefined {
  const m = BOLD.exec(line);
  if (!m) return undefined;
  const inner = (m[1] ?? "").trim();
  const rest = (m[2] ?? "").trim();
  const l = BOLD_LABEL.exec(inner);
  if (l) {
    const number = l[1] ? Number(l[1]) : undefined;
    const prompt = cleanPrompt([l[2], rest].filter(Boolean).join(" "));
    // "**Question 3:**" alone: the prompt may be the line below it, which the parser finds.
    return { shape: "bold", level: 7, number, prompt, strong: true, labelled: true };
  }
  // Only one that asks: "**1.** Drain the node" is a step of an answer.
  const numbered = rest && ASKS.test(rest) ? BOLD_NUMBER.exec(inner) : null;
  if (numbered) {
    const prompt = cleanPrompt(rest);
    return prompt
      ? { shape: "bold", level: 7, number: Number(numbered[1]), prompt, strong: false, labelled: false }
      : undefined;
  }
  if (rest) return undefined;
  const n = NUMBERED.exec(inner.replace(LEAD_DECOR(), ""));
  if (n) {
    const prompt = cleanPrompt(n[3] ?? "");
    if (prompt)
      return { shape: "bold", level: 7, number: Number(n[2]), prompt, strong: false, labelled: false };
  }
  const prompt = cleanPrompt(inner);
  if (ASKS.test(prompt)) return { shape: "bold", level: 7, prompt, strong: false, labelled: false };
  return undefined;
}

/**
 * `1.  **What is a Pod?**`, its answer indented below it; `1. **What is the purpose of the**
 * /etc/fstab file?`, bold at its start, asking at its end. A whole-bold item that does not ask
 * ("2. **Explain orchestration.**") comes back `unasked`.
 */
export function listQuestion(line: string): QuestionLine | undefined {
  const m = LIST.exec(line);
  if (m) return listItem(Number(m[1]), (m[2] ?? "").trim());
  const part = LIST_PART.exec(line);
  const text = part?.[2] ?? "";
  // One sentence: not a bold label and its note ("**Check the security group** - Is the port
  // open? The source IP?", a step of an answer).
  const label = /^\*\*.+?\*\*\s*[-\u2013\u2014:|]/.test(text) || /[:.]\*\*/.test(text);
  return part && !label ? listItem(Number(part[1]), text.replace(/\*\*/g, "")) : undefined;
}

/** A numbered list item's question, `unasked` when its text does not ask. */
function listItem(number: number, text: string): QuestionLine | undefined {
  const prompt = cleanPrompt(text);
  if (!prompt) return undefined;
  const q: QuestionLine = { shape: "list", level: 7, number, prompt, strong: false, labelled: false };
  if (!ASKS.test(prompt)) q.unasked = true;
  return q;
}

/**
 * `- **What is a Kernel?**` with its answer indented on the line below (`next`): a bulleted question.
 * One that does not ask comes back `unasked`. Without an indented line below it, a bold bullet is a
 * point of an answer ("- **Why?** Because ...", or a list of them).
 */
export function bulletQuestion(line: string, next: string | undefined): QuestionLine | undefined {
  const m = BULLET.exec(line);
  if (!m || !next || !/^(?: {2,}|\t)\S/.test(next)) return undefined;
  const prompt = cleanPrompt((m[1] ?? "").trim());
  if (!prompt) return undefined;
  const q: QuestionLine = { shape: "list", level: 7, prompt, strong: false, labelled: false };
  if (!ASKS.test(prompt)) q.unasked = true;
  return q;
}

// ---- tables ---------------------------------------------------------------------------------

/** The columns of a Question/Answer table. */
export interface TableColumns {
  question: number;
  answer: number;
  number: number;
}

/** Cells of a table row, split at pipes that are not escaped. */
export function tableCells(line: string): string[] {
  const cells = line.trim().split(/(?<!\\)\|/);
  if (cells[0]?.trim() === "") cells.shift();
  if (cells.length && cells[cells.length - 1]?.trim() === "") cells.pop();
  return cells.map((c) => c.trim().replace(/\\\|/g, "|"));
}

const SEPARATOR = /^\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)+\|?\s*$/;

/** The columns when `line` heads a Question/Answer table and `next` is its separator row. */
export function tableHeader(line: string, next: string): TableColumns | undefined {
  if (!SEPARATOR.test(next)) return undefined;
  const cells = tableCells(line).map((c) => c.replace(/\*\*/g, "").trim().toLowerCase());
  const question = cells.findIndex((c) => /^(?:interview\s+)?(?:questions?|q)$/.test(c));
  if (question < 0) return undefined;
  const number = cells.findIndex((c) => /^(?:#|no\.?|n|number|q#|id|s\.?\s?no\.?|sr\.?\s?no\.?)$/.test(c));
  const answer = cells.findIndex((c) =>
    /^(?:(?:short|expected|model|sample)\s+)?(?:answers?|a|solutions?|explanations?|descriptions?)$/.test(c),
  );
  if (answer < 0) return undefined;
  return { question, answer, number };
}

// ---- clean text ---------------------------------------------------------------------------

const RANGE = `(?:(?:questions?|qs?)\\s*)?#?\\d+\\s*(?:${DASH}|to)\\s*(?:q\\s*)?\\d+`;
// "1–24: Junior Level", "Q1-Q7 - Basics"
const LEAD_RANGE = new RegExp(`^${RANGE}\\s*(?:[:.)]|${DASH})?\\s+(?=\\S)`, "iu");
// "(221–250)", "[Q1–Q7]", "- Questions 1-10"
const TRAIL_RANGE = new RegExp(
  `\\s*(?:[([]\\s*${RANGE}\\s*[)\\]]|(?:${DASH}|:)\\s*(?:questions?|qs?)\\s*\\d+\\s*${DASH}\\s*\\d+)\\s*$`,
  "iu",
);
// A difficulty tag at the end: "(Easy)", "[Medium]", "`Hard`".
const LEVEL_TAG =
  /\s*[([`](?:easy|medium|hard|beginner|intermediate|advanced|junior|senior|basic)[)\]`]\s*$/i;
const BADGE = /\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)|!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>/gi;

/**
 * A prompt's line without its images: a diagram between a question and its answer marker
 * ("![Kubernetes components](https://…/k8s.png)") is nothing a terminal can show in a prompt.
 */
export function withoutImages(line: string): string {
  return line.includes("![") || line.includes("<img") ? line.replace(BADGE, "").trimEnd() : line;
}

/** Drops the range, badges and decoration a heading or prompt carries around its words. */
function tidy(text: string): string {
  let t = text;
  if (t.includes("[") || t.includes("<"))
    t = t
      .replace(ANCHOR, "")
      .replace(BADGE, " ")
      .replace(/\s{2,}/g, " ");
  t = t.replace(LEAD_DECOR(), "").replace(TRAIL_DECOR(), "");
  t = t.replace(LEAD_RANGE, "").replace(TRAIL_RANGE, "").replace(LEVEL_TAG, "");
  return t.replace(TRAIL_DECOR(), "").trim();
}

/** A prompt as lists and sessions show it: no wrapping bold or quotes, badges, trailing emoji, ranges. */
export function cleanPrompt(text: string): string {
  let t = text.trim();
  // Most prompts are plain words ending in "?": nothing below would change them.
  // (Not one in underscores: "_What is a Pod?_" is emphasis to take off, and \w holds "_".)
  if (/^[A-Za-z0-9`(][^*_<[\]!\u0080-\uffff]*[A-Za-z0-9?.]$/.test(t) && !/\d\s*(?:-|to)\s*\d/.test(t))
    return t;
  // "**…?**\\" ends its line with a hard line break: the backslash is no part of the prompt.
  t = tidy(t).replace(/\s*\\+$/, "");
  // A link reads as its text, with a web address after it as an answer's links do; an anchor in
  // the page ("#pods") or a relative path is nothing a reader of the prompt can follow.
  if (t.includes("]("))
    t = t.replace(LINK(), (_, text: string, href: string) =>
      /^(?:https?|mailto):/i.test(href) ? linkText(text, href) : text,
    );
  // A lone "**" left over from "**Q1: What?**" split at its label.
  if ((t.match(/\*\*/g)?.length ?? 0) % 2 === 1) t = t.replace(/\*\*/g, "");
  const q = /^["\u201C'\u2018](.*)["\u201D'\u2019]$/.exec(t);
  if (q?.[1] && !/["\u201C\u201D]/.test(q[1])) t = q[1].trim();
  return t;
}

/** The title a section heading shows: mojibake repaired, decoration, badges and ranges dropped. */
export function cleanTitle(heading: string): string {
  let t = tidy(stripControl(repairMojibake(heading)));
  if ((t.match(/\*\*/g)?.length ?? 0) % 2 === 1) t = t.replace(/\*\*/g, "");
  // Letters in two forms: plainLetters says why.
  return t.replace(plainLetters(t) ? /^[^A-Za-z0-9]+/u : /^[^\p{L}\p{N}]+/u, "").trim();
}

// ---- <details> blocks -----------------------------------------------------------------------

/** A `<details>` block: its summary's words, the text inside it and the index of its last line. */
export interface DetailsBlock {
  summary: string;
  content: string[];
  end: number;
}

const DETAILS_TAG = /<(\/?)details\b[^>]*>/gi;
const SUMMARY = /<summary\b[^>]*>([\s\S]*?)<\/summary>/i;
// Tags that only wrap an answer's text (devops-exercises puts each answer inside <br><b>...</b>).
const WRAPPING_TAGS =
  /^(?:\s|<br\s*\/?>|<\/?(?:b|strong|p|div)\b[^>]*>)+|(?:\s|<br\s*\/?>|<\/?(?:b|strong|p|div)\b[^>]*>)+$/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** HTML text as plain text: tags dropped (code as backticks), the common entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<\/?code\b[^>]*>/gi, "`")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[\da-f]+|[a-z]+);/gi, (m, e: string) => {
      const lower = e.toLowerCase();
      if (lower.startsWith("#x")) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16) || 0xfffd);
      if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)) || 0xfffd);
      return ENTITIES[lower] ?? m;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The `<details>` block opening on line `at` (a collapsible question, as GitHub renders it), up to
 * its matching `</details>`; undefined when it has no `<summary>` or never closes within `limit`
 * lines (then its lines are read as they are).
 */
export function detailsBlock(lines: readonly string[], at: number, limit = 2000): DetailsBlock | undefined {
  let depth = 0;
  const text: string[] = [];
  for (let i = at; i < lines.length && i < at + limit; i++) {
    const line = lines[i] ?? "";
    let cut = -1;
    DETAILS_TAG.lastIndex = 0;
    for (let m = DETAILS_TAG.exec(line); m; m = DETAILS_TAG.exec(line)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) {
        cut = m.index;
        break;
      }
    }
    text.push(cut >= 0 ? line.slice(0, cut) : line);
    if (cut < 0) continue;
    const whole = text.join("\n");
    const summary = SUMMARY.exec(whole);
    if (!summary) return undefined;
    // A <br> inside the answer is a line break, as GitHub shows it.
    const inner = whole
      .slice(summary.index + summary[0].length)
      .replace(WRAPPING_TAGS, "")
      .replace(/[ \t]*<br\s*\/?>[ \t]*/gi, "\n");
    const content = inner.trim() ? inner.split("\n") : [];
    return { summary: htmlText(summary[1] ?? ""), content, end: i };
  }
  return undefined;
}

// A summary that only labels the text it hides ("Answer", "Show answer", "Click to expand").
const SUMMARY_LABEL =
  /^(?:(?:click|tap)\s+(?:here\s+)?(?:to\s+)?)?(?:show|view|see|reveal|expand|toggle|open|hide)?\s*(?:the\s+)?(?:answers?|solutions?|explanations?|details|hints?|spoilers?|more|code|output|example|result|expand)?\s*[:.!]*$/i;

/** Whether a `<details>` summary is a label for an answer rather than a question. */
export function isSummaryLabel(summary: string): boolean {
  return summary === "" || SUMMARY_LABEL.test(summary.replace(LEAD_DECOR(), "").trim());
}

/** A `<details>` summary read as a question: its number if it has one, and its prompt. */
export function summaryQuestion(summary: string): QuestionLine | undefined {
  const t = headingWords(summary);
  const n = NUMBERED.exec(t) ?? LABELLED.exec(t);
  const number = n ? Number(n[2]) : undefined;
  const prompt = cleanPrompt(n ? (n[3] ?? "") : (UNNUMBERED.exec(t)?.[1] ?? t));
  if (!prompt) return undefined;
  return { shape: "details", level: 7, number, prompt, strong: true, labelled: false };
}

// What is left of an answer that only points elsewhere once its links are gone: "See 👉
// **[Answer](https://…)**", "Refer to this [file](…)", "great blog [here](…)". A link's own text
// stays unless it too only points ("[ClusterIP](…), [NodePort](…)" is an answer); an image is kept.
const WEB_ADDRESS = once(() => /<https?:[^>\s]*>|https?:\/\/\S+/g);
const POINTING_WORDS =
  /\b(?:see|answers?|here|refer|to|this|that|link|read|more|click|check|out|details|docs?|documentation|the|a|an|file|blog|great|article|post|for|on|in|it|please|go)\b/gi;

/** Whether an answer is only a link (and words that point to it): nothing to learn or grade from. */
export function linkOnly(answer: string): boolean {
  // Every link has one of these; code ("`https://kubernetes.default.svc`") is an answer's content.
  if ((!answer.includes("](") && !answer.includes("http")) || answer.includes("`")) return false;
  const rest = answer
    // References under their label point elsewhere, whatever their links' texts say; and a
    // template's blank labels ("* **Why:**") say nothing.
    .replace(REFERENCE_LINE, "")
    .replace(LABEL_LEAD, "$1")
    .replace(LINK(), (_, text: string) => ` ${text} `)
    .replace(WEB_ADDRESS(), " ")
    .replace(POINTING_WORDS, " ")
    .replace(/(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\uFE0F|\u200D)+/gu, "");
  return rest === "";
}
