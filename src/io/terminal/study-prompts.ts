// The prompts of a study session, written on @inquirer/core because no stock prompt takes a key
// at once (grades, skip, flag, undo), keeps a pasted paragraph break, or redraws the question
// above it when the terminal is resized. Only createPrompt, useState, useEffect, useKeypress,
// usePrefix, makeTheme and isEnterKey are used: the API @inquirer/core 10 and 12 share.
import {
  createPrompt,
  isEnterKey,
  makeTheme,
  type Status,
  useEffect,
  useKeypress,
  usePrefix,
  useState,
} from "@inquirer/core";
import { letter, letterIndex } from "../../core/letters.js";
import { wrapText } from "./wrap.js";

/** Key names as readline reports them; only the fields every @inquirer/core version has. */
type Key = { name?: string; ctrl?: boolean; meta?: boolean; sequence?: string };

/** Skip, flag and undo, the keys every question takes besides its answer. */
export type StudyMove = "skip" | "undo";

/** The flag of the question on screen: shown in the hint, toggled with `f`. */
export interface FlagControl {
  flagged: boolean;
  toggle(): Promise<boolean>;
}

/** What every question prompt shares: the question drawn above it, and how to redraw it. */
export interface QuestionScreen {
  /** The status line, heading and prompt, laid out for the terminal's width at the time of the call. */
  body: () => string;
  /** Columns to lay the options out in, read at every draw. */
  width: () => number;
  /** Subscribes to terminal resizes; returns the unsubscribe. */
  onResize?: (redraw: () => void) => () => void;
  /** Clears the screen and puts the cursor at its top (before a redraw at a new width). */
  clear?: () => void;
  flag?: FlagControl;
  canUndo: boolean;
  /** Skipping is offered (not in an exam, not for a question skipped once already). */
  canSkip: boolean;
  /** Redraw every second (a ticking clock in the body). */
  tick?: boolean;
  /** Rows on the screen: a body taller than it is not redrawn each second (the redraw would scroll). */
  rows?: () => number;
}

/**
 * The feedback above a prompt that waits after an answer (the verdict, the reference answer), for
 * laying it out again when the terminal is resized. `render` lays it out at the width of the moment;
 * it is async, as the Markdown renderer is.
 */
export interface Feedback {
  feedback?: () => Promise<string>;
  onResize?: (redraw: () => void) => () => void;
  clear?: () => void;
}

/**
 * The feedback laid out anew after each resize, or undefined until the first: it was printed above
 * the prompt before, at the old width, and the terminal re-wraps those lines badly (hanging indents
 * broken, nothing widened). The screen is cleared when the new text is ready, and the prompt draws it.
 */
function useFeedback(config: Feedback): string | undefined {
  const [drawn, setDrawn] = useState<{ text: string; n: number } | undefined>(undefined);
  useEffect(() => {
    let n = 0;
    let closed = false;
    const off = config.onResize?.(() => {
      const mine = ++n;
      void config.feedback?.().then((text) => {
        // A later resize wins; a prompt already answered draws nothing more.
        if (closed || mine !== n) return;
        config.clear?.();
        setDrawn({ text, n: mine });
      });
    });
    return () => {
      closed = true;
      off?.();
    };
  }, []);
  return drawn?.text;
}

/** Redraws on resize (after clearing, as the old lines were re-wrapped by the terminal) and on a clock tick. */
function useRedraw(screen: QuestionScreen, height: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    let n = 0;
    const off = screen.onResize?.(() => {
      screen.clear?.();
      setTick(++n);
    });
    const timer = screen.tick
      ? setInterval(() => {
          if (height < (screen.rows?.() ?? 24)) setTick(++n);
        }, 1000)
      : undefined;
    return () => {
      off?.();
      if (timer) clearInterval(timer);
    };
  }, []);
}

/**
 * The hint's words for skip, flag and undo. `alt` for recall, where the plain letters are typing:
 * there Alt+letter works at any time, and `typed` adds the letter-then-Enter way, which works while
 * the answer is still empty.
 */
function moveHints(screen: QuestionScreen, flagged: boolean, alt: boolean, typed = false): string[] {
  const k = (letter: string) =>
    alt ? `${typed ? `${letter}+Enter or ` : ""}Alt+${letter.toUpperCase()}` : letter;
  return [
    ...(screen.canSkip ? [`${k("s")} skip`] : []),
    ...(screen.flag ? [`${k("f")} ${flagged ? "unflag" : "flag"}`] : []),
    ...(screen.canUndo ? [`${k("u")} undo last`] : []),
  ];
}

/** The move a key asks for, if any: plain letters, or with Alt held (meta) when `alt`. */
function moveOf(key: Key, alt: boolean): "skip" | "flag" | "undo" | undefined {
  if (key.ctrl || (alt && !key.meta) || (!alt && key.meta)) return undefined;
  return key.name === "s" ? "skip" : key.name === "f" ? "flag" : key.name === "u" ? "undo" : undefined;
}

/**
 * A recall answer's line that asks for a move instead: the letter alone, or with a colon as in vi
 * (`s`, `:s`, `F`). Read only while nothing else has been typed, so an answer's words are never
 * taken for a key; Anki's type-in box is the same, its review keys waiting until the answer is in.
 */
function typedMove(line: string): "skip" | "flag" | "undo" | undefined {
  const m = /^:?([sfu])$/i.exec(line.trim());
  const letter = m?.[1]?.toLowerCase();
  return letter === "s" ? "skip" : letter === "f" ? "flag" : letter === "u" ? "undo" : undefined;
}

/** What may still become a typed move: nothing yet, or the start of one. */
const mayBeMove = (line: string) => /^:?[sfu]?$/i.test(line.trim());

const lines = (text: string) => text.split("\n").length;

export type ChooseResult = { pick: number } | { move: StudyMove };

/**
 * The line a choice question leaves once answered, the option named by its text: drawn by the
 * prompt, and again under the feedback when a resize lays it out anew.
 */
export function answeredChoice(options: readonly string[], pick: number, width: number): string {
  const theme = studyTheme();
  const lead = "Your answer: ";
  const text = `${String.fromCharCode(97 + pick)}) ${options[pick] ?? ""}`;
  return `${lead}${theme.style.answer(wrapText(text, width - lead.length).replace(/\n/g, `\n${" ".repeat(lead.length)}`))}`;
}

/** A choice question: arrows, a–d or 1–4 move to an option, Enter answers; s, f and u as hinted. */
export const choosePrompt = createPrompt<ChooseResult, QuestionScreen & { options: string[] }>(
  (config, done) => {
    const theme = studyTheme();
    const [status, setStatus] = useState<Status>("idle");
    const [active, setActive] = useState(0);
    const [picked, setPicked] = useState<ChooseResult | undefined>(undefined);
    const [flagged, setFlagged] = useState(!!config.flag?.flagged);
    const prefix = usePrefix({ status, theme });
    const n = config.options.length;
    const finish = (r: ChooseResult) => {
      setPicked(r);
      setStatus("done");
      done(r);
    };
    useKeypress((key: Key) => {
      if (status !== "idle") return;
      if (isEnterKey(key as never)) return finish({ pick: active });
      if (key.name === "up") return setActive(Math.max(0, active - 1));
      if (key.name === "down") return setActive(Math.min(n - 1, active + 1));
      const name = key.name ?? "";
      const at = /^[1-9]$/.test(name) ? Number(name) - 1 : /^[a-i]$/.test(name) ? letterIndex(name) : -1;
      if (!key.ctrl && !key.meta && at >= 0 && at < n) return setActive(at);
      const move = moveOf(key, false);
      if (move === "skip" && config.canSkip) finish({ move: "skip" });
      else if (move === "undo" && config.canUndo) finish({ move: "undo" });
      else if (move === "flag" && config.flag) void config.flag.toggle().then(setFlagged);
    });
    const width = config.width();
    const body = config.body();
    // Inquirer-style cursor before the first line of an option; its other lines go under its text.
    const option = (text: string, i: number) =>
      wrapText(`${letter(i)}) ${text}`, Math.max(20, width - 6)).replace(/\n/g, "\n  ");
    let view: string;
    if (status === "done" && picked) {
      view =
        "pick" in picked
          ? `${body}\n${answeredChoice(config.options, picked.pick, width)}`
          : `${body}\nYour answer: ${theme.style.help(picked.move === "skip" ? "skipped: it comes back at the end" : "undo")}`;
    } else {
      const list = config.options
        .map((o, i) => {
          const line = option(o, i);
          return i === active ? theme.style.highlight(`❯ ${line}`) : `  ${line}`;
        })
        .join("\n");
      const keys = [
        `a–${letter(n - 1)} or 1–${n} to pick, Enter to answer`,
        ...moveHints(config, flagged, false),
      ].join(" · ");
      const mark = flagged ? " ⚑ flagged" : "";
      view = `${body}\n${prefix} ${theme.style.message("Your answer", status)}${mark}\n${list}\n${theme.style.help(wrapText(keys, width))}`;
    }
    useRedraw(config, lines(view));
    return view;
  },
);

const REVEAL = "Think of your answer, then press Enter to see it";

/** What a flash card's prompt leaves once its answer is shown; drawn again on a resize at the grade. */
export function answeredReveal(width: number): string {
  const theme = studyTheme();
  return `${donePrefix(theme)} ${theme.style.message(wrapText(REVEAL, Math.max(10, width - 2)), "done")}`;
}

/** A flash card before its answer: Enter or space shows it; s, f and u as hinted. */
export const revealPrompt = createPrompt<"shown" | StudyMove, QuestionScreen>((config, done) => {
  const theme = studyTheme();
  const [status, setStatus] = useState<Status>("idle");
  const [flagged, setFlagged] = useState(!!config.flag?.flagged);
  const prefix = usePrefix({ status, theme });
  useKeypress((key: Key) => {
    if (status !== "idle") return;
    const finish = (r: "shown" | StudyMove) => {
      setStatus("done");
      done(r);
    };
    if (isEnterKey(key as never) || key.name === "space") return finish("shown");
    const move = moveOf(key, false);
    if (move === "skip" && config.canSkip) finish("skip");
    else if (move === "undo" && config.canUndo) finish("undo");
    else if (move === "flag" && config.flag) void config.flag.toggle().then(setFlagged);
  });
  const keys = moveHints(config, flagged, false).join(" · ");
  const view =
    status === "done"
      ? `${config.body()}\n${answeredReveal(config.width())}`
      : `${config.body()}\n${prefix} ${theme.style.message(REVEAL, status)}${flagged ? " ⚑ flagged" : ""}${keys ? `\n${theme.style.help(wrapText(keys, config.width()))}` : ""}`;
  useRedraw(config, lines(view));
  return view;
});

export type RecallResult = { text: string } | { move: StudyMove };

/** The done mark of a prompt, as usePrefix draws it once a prompt is answered. */
function donePrefix(theme: ReturnType<typeof makeTheme>): string {
  return typeof theme.prefix === "string" ? theme.prefix : theme.prefix.done;
}

/**
 * The study prompts' theme: Inquirer's, but an answered prompt is marked "›", not a green "✔". Next
 * to a typed answer or a flash card's reveal, a tick read as "correct", whatever the grade below.
 */
function studyTheme(): ReturnType<typeof makeTheme> {
  return makeTheme({ prefix: { done: "\u203a" } });
}

/**
 * What a recall prompt leaves once answered: its message and the typed lines under it (or "no
 * answer"). Drawn by the prompt, and again above the grade when a resize lays the feedback out anew.
 */
export function answeredRecall(message: string, text: string, width: number): string {
  const theme = studyTheme();
  const head = `${donePrefix(theme)} ${theme.style.message(message, "done")}`;
  const typed = text.replace(/^\n+|\n+$/g, "");
  // Each typed line wrapped under its indent, so a long one stays inside the terminal.
  return typed.trim()
    ? `${head}\n${typed
        .split("\n")
        .map((l) => `  ${theme.style.answer(wrapText(l, Math.max(10, width - 2)).replace(/\n/g, "\n  "))}`)
        .join("\n")}`
    : `${head} ${theme.style.help("(no answer)")}`;
}

/**
 * A typed answer over several lines: Enter on an empty line finishes. A paste comes in whole, its
 * blank lines and all (bracketed paste): only a blank line typed by hand finishes. Left and right
 * move within the line being typed (readline's own editing); up and down move to another line.
 * `draft` is kept current for a caller that stops the prompt before Enter (an exam's clock).
 */
export const recallPrompt = createPrompt<
  RecallResult,
  QuestionScreen & { message: string; draft?: { text: string } }
>((config, done) => {
  const theme = studyTheme();
  const [status, setStatus] = useState<Status>("idle");
  // The lines above and below the one readline is editing.
  const [above, setAbove] = useState<string[]>([]);
  const [below, setBelow] = useState<string[]>([]);
  const [value, setValue] = useState("");
  const [pasting, setPasting] = useState(false);
  const [flagged, setFlagged] = useState(!!config.flag?.flagged);
  const prefix = usePrefix({ status, theme });
  const all = (current: string) => [...above, current, ...below];
  useKeypress((key: Key, rl) => {
    if (status !== "idle") return;
    if (key.name === "paste-start") return setPasting(true);
    if (key.name === "paste-end") return setPasting(false);
    const move = moveOf(key, true);
    if (move) {
      // readline took the Alt key as "word" editing; the line stays as typed.
      if (move === "skip" && config.canSkip) {
        setStatus("done");
        return done({ move: "skip" });
      }
      if (move === "undo" && config.canUndo) {
        setStatus("done");
        return done({ move: "undo" });
      }
      if (move === "flag" && config.flag) void config.flag.toggle().then(setFlagged);
      rl.line = value;
      return;
    }
    if (isEnterKey(key as never)) {
      // readline has emptied its line already; `value` is what it held.
      const asked = !pasting && !above.length && !below.length ? typedMove(value) : undefined;
      // Only a move this question offers: otherwise the letter is an answer's line like any other.
      if (asked === "skip" && config.canSkip) {
        setStatus("done");
        return done({ move: "skip" });
      }
      if (asked === "undo" && config.canUndo) {
        setStatus("done");
        return done({ move: "undo" });
      }
      if (asked === "flag" && config.flag) {
        void config.flag.toggle().then(setFlagged);
        setValue("");
        return;
      }
      const typed = all(value);
      if (!pasting && !value.trim() && !below.length) {
        setStatus("done");
        done({ text: typed.join("\n").replace(/\n+$/, "").replace(/^\n+/, "") });
        return;
      }
      setAbove([...above, value]);
      setValue("");
      return;
    }
    const goTo = (line: string) => {
      // The text of another line goes into readline's buffer, the cursor at its end.
      rl.line = line;
      (rl as unknown as { cursor: number }).cursor = line.length;
      setValue(line);
    };
    if (key.name === "up" && above.length) {
      setBelow([value, ...below]);
      setAbove(above.slice(0, -1));
      return goTo(above.at(-1) ?? "");
    }
    if (key.name === "down" && below.length) {
      setAbove([...above, value]);
      setBelow(below.slice(1));
      return goTo(below[0] ?? "");
    }
    if (key.name === "up" || key.name === "down") {
      // Nowhere to go: undo readline's own history step, which put an earlier line in its buffer.
      const cursor = (rl as unknown as { cursor: number }).cursor;
      rl.line = value;
      (rl as unknown as { cursor: number }).cursor = Math.min(cursor, value.length);
      return;
    }
    setValue(rl.line);
  });
  if (config.draft)
    config.draft.text = all(value)
      .filter((l) => l.trim())
      .join("\n");
  const message = theme.style.message(config.message, status);
  const body = config.body();
  if (status === "done") {
    const view = `${body}\n${answeredRecall(config.message, all(value).join("\n"), config.width())}`;
    useRedraw(config, lines(view));
    return view;
  }
  const keys = [
    above.length || value
      ? "(Enter on an empty line to finish)"
      : "(Enter on an empty line to finish; empty for I don't know)",
    "arrows to edit",
    ...moveHints(config, flagged, true, !above.length && !below.length && mayBeMove(value)),
  ].join(" · ");
  // readline's cursor sits on the prompt's last line, so the line being edited ends the content
  // and what follows it (after ↑) goes below, with the key help.
  const top = [
    body,
    `${prefix} ${message}${flagged ? " ⚑ flagged" : ""}`,
    ...above.map((l) => `  ${l}`),
    `  ${value}`,
  ].join("\n");
  const bottom = [...below.map((l) => `  ${l}`), theme.style.help(wrapText(keys, config.width()))].join("\n");
  useRedraw(config, lines(top) + lines(bottom));
  return [top, bottom];
});

/** Grade labels and keys: 1–4 or the initial, at once, no Enter. */
const GRADE_KEYS = [
  { grade: "again", digit: "1", letter: "a", label: "Again" },
  { grade: "hard", digit: "2", letter: "h", label: "Hard" },
  { grade: "good", digit: "3", letter: "g", label: "Good" },
  { grade: "easy", digit: "4", letter: "e", label: "Easy" },
] as const;
type GradeName = (typeof GRADE_KEYS)[number]["grade"];

/**
 * The grade for a recall or flash answer: one key (1–4 or a/h/g/e) settles it at once; Enter takes
 * the suggested one. `comesBack` says when the question would return under each grade.
 */
export const gradePrompt = createPrompt<
  GradeName,
  {
    message: string;
    suggested?: GradeName;
    comesBack?: (g: GradeName) => string | undefined;
    width: () => number;
  } & Feedback
>((config, done) => {
  const theme = studyTheme();
  const [status, setStatus] = useState<Status>("idle");
  const [chosen, setChosen] = useState<GradeName | undefined>(undefined);
  const prefix = usePrefix({ status, theme });
  const drawn = useFeedback(config);
  const above = drawn === undefined ? "" : `${drawn}\n`;
  useKeypress((key: Key) => {
    if (status !== "idle" || key.ctrl || key.meta) return;
    const hit =
      GRADE_KEYS.find((g) => key.name === g.digit || key.name === g.letter)?.grade ??
      (isEnterKey(key as never) ? config.suggested : undefined);
    if (!hit) return;
    setChosen(hit);
    setStatus("done");
    done(hit);
  });
  const label = (g: GradeName) => GRADE_KEYS.find((k) => k.grade === g)?.label ?? g;
  if (status === "done" && chosen) {
    const when = config.comesBack?.(chosen);
    return `${above}${prefix} ${theme.style.message(config.message, status)} ${theme.style.answer(label(chosen))}${when ? theme.style.help(` (next ${when})`) : ""}`;
  }
  const keys = GRADE_KEYS.map((g) => {
    const when = config.comesBack?.(g.grade);
    const text = `${g.digit}/${g.letter} ${g.label}${when ? ` (${when})` : ""}`;
    return g.grade === config.suggested ? theme.style.highlight(text) : text;
  }).join(" · ");
  const enter = config.suggested ? ` · Enter: ${label(config.suggested)}` : "";
  const width = config.width();
  return `${above}${prefix} ${theme.style.message(config.message, status)}\n${wrapText(`${keys}${enter}`, width)}`;
});

/**
 * The pause after the feedback: any key goes on, `u` takes the answer back, `f` flags. The verdict
 * and the reference answer above it stay on screen until then.
 */
export const pausePrompt = createPrompt<
  "next" | "undo",
  {
    message: string;
    canUndo: boolean;
    flag?: FlagControl;
    width: () => number;
  } & Feedback
>((config, done) => {
  const theme = studyTheme();
  const [status, setStatus] = useState<Status>("idle");
  const [flagged, setFlagged] = useState(!!config.flag?.flagged);
  const drawn = useFeedback(config);
  useKeypress((key: Key) => {
    if (status !== "idle") return;
    const move = moveOf(key, false);
    if (move === "flag" && config.flag) {
      void config.flag.toggle().then(setFlagged);
      return;
    }
    const r = move === "undo" && config.canUndo ? "undo" : "next";
    setStatus("done");
    done(r);
  });
  const hints = [
    config.message,
    ...(config.flag ? [`f ${flagged ? "unflag" : "flag"}`] : []),
    ...(config.canUndo ? ["u undo"] : []),
  ].join(" · ");
  // Once redrawn, the feedback is this prompt's own text: it stays when the prompt is done.
  const above = drawn === undefined ? "" : `${drawn}\n`;
  return status === "done"
    ? (drawn ?? "")
    : `${above}${theme.style.help(wrapText(hints, config.width()))}${flagged ? " ⚑ flagged" : ""}`;
});

/**
 * A yes/no question answered by one key, no Enter: y is yes; n, Enter or Escape is no. Inquirer's
 * confirm waits for Enter, and an offer made after every raised grade must cost one key to pass.
 */
export const keyConfirm = createPrompt<boolean, { message: string }>((config, done) => {
  const theme = studyTheme();
  const [status, setStatus] = useState<Status>("idle");
  const [answer, setAnswer] = useState<boolean | undefined>(undefined);
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    const name = (key.name ?? "").toLowerCase();
    const yes = name === "y";
    if (!yes && name !== "n" && name !== "escape" && !isEnterKey(key)) {
      rl.clearLine(0);
      return;
    }
    setAnswer(yes);
    setStatus("done");
    done(yes);
  });
  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(answer ? "yes" : "no")}`;
  return `${prefix} ${message} ${theme.style.help("(y/N, one key)")}`;
});
