import type { Grade } from "../../core/types.js";
import { Interrupted } from "../../errors.js";
import {
  type ChooseResult,
  choosePrompt,
  confirm,
  type FlagControl,
  gradePrompt,
  input,
  keyConfirm,
  pausePrompt,
  pickManyPrompt,
  type QuestionScreen,
  type RecallResult,
  recallPrompt,
  revealPrompt,
  type StudyMove,
  select,
} from "../../vendor/inquirer.js";
import { builtin } from "../builtin.js";
import { cancelReason } from "./cancel.js";

/** Streams and a cancel signal for every prompt; tests pass virtual ones, production the process's. */
export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

export interface Choice<T> {
  name: string;
  value: T;
  /** What the prompt shows once answered, instead of the whole name. */
  short?: string;
  description?: string;
  checked?: boolean;
}

/** Every prompt k8s-quiz shows. Ctrl+C and SIGTERM turn into Interrupted here, once, for all of them. */
export interface Prompter {
  select<T>(message: string, choices: Choice<T>[], initial?: T): Promise<T>;
  /** Several choices; Enter with none ticked takes the highlighted one. */
  checkbox<T>(message: string, choices: Choice<T>[]): Promise<T[]>;
  confirm(message: string, initial?: boolean): Promise<boolean>;
  /** Yes or no by one key, without Enter (y, or n / Enter for no). */
  confirmKey(message: string): Promise<boolean>;
  text(message: string): Promise<string>;
  /** A choice question, drawn with its heading so a resize redraws it all; s, f, u as offered. */
  choose(screen: QuestionScreenOptions & { options: string[] }): Promise<ChooseResult>;
  /** A flash card: Enter shows the answer. */
  reveal(screen: QuestionScreenOptions): Promise<"shown" | StudyMove>;
  /** A typed answer over several lines; pastes keep their blank lines. */
  recall(
    screen: QuestionScreenOptions & { message: string; draft?: { text: string } },
  ): Promise<RecallResult>;
  /** One key grades: 1–4 or a/h/g/e; Enter takes `suggested`. */
  grade(opts: {
    message: string;
    suggested?: Grade;
    comesBack?: (g: Grade) => string | undefined;
    width: () => number;
    /** The feedback above the grade (the answer, key points, reference): redrawn on a resize. */
    feedback?: () => Promise<string>;
  }): Promise<Grade>;
  /** Waits for any key after the feedback; `u` asks to take the answer back. */
  pause(opts: {
    message: string;
    canUndo: boolean;
    flag?: FlagControl;
    width: () => number;
    /** The feedback above the pause, laid out at the width of the moment: redrawn on a resize. */
    feedback?: () => Promise<string>;
  }): Promise<"next" | "undo">;
  /** Clears the screen, the cursor to its top: each question starts on a clean screen. */
  clear(): void;
}

/** What a question prompt needs from its caller; the prompter adds the resize and clear hooks. */
export type QuestionScreenOptions = Omit<QuestionScreen, "onResize" | "clear" | "rows">;

/**
 * Home the cursor and erase from there down (CUP, ED 0): the screen cleared, scrollback left
 * alone. Not ED 2, which the terminal-safety tests watch for as a deck's own escape.
 */
const CLEAR = "\u001b[H\u001b[J";
const PASTE_ON = "\u001b[?2004h";
const PASTE_OFF = "\u001b[?2004l";

function cancelled(e: unknown, signal?: AbortSignal): never {
  const name = (e as Error)?.name;
  if (name === "ExitPromptError") throw new Interrupted(130);
  if (name === "AbortPromptError") throw cancelReason(signal?.reason);
  throw e;
}

/**
 * Inquirer ends the output stream it was given when a prompt is done (process.stdout and stderr are
 * spared by Node). A session asks many prompts on one stream, so each gets a view that stays open.
 * The view hands each chunk on and is done with it at once: waiting for the stream's own callback
 * (a tick later) let the session's direct writes overtake a prompt's frames, so text printed after
 * a prompt could land on screen before that prompt's last frame. Errors are the stream's own.
 */
function keepOpen(out: NodeJS.WritableStream): NodeJS.WritableStream {
  // node:stream is fetched on first use: importing it loads Node's whole stream stack on every run,
  // read-only commands included, and only a prompt needs it.
  const { Writable } = builtin<typeof import("node:stream")>("node:stream");
  const view = new Writable({
    write(chunk, encoding, callback) {
      out.write(chunk, encoding);
      callback();
    },
  });
  for (const key of ["columns", "rows", "isTTY"] as const) {
    Object.defineProperty(view, key, { get: () => (out as unknown as Record<string, unknown>)[key] });
  }
  return view;
}

export function createPrompter(ctx: PromptContext = {}): Prompter {
  const guard = <T>(run: (context: Parameters<typeof select>[1]) => Promise<T>): Promise<T> => {
    const { output, ...rest } = ctx;
    const context = { ...rest, ...(output ? { output: keepOpen(output) } : {}) } as Parameters<
      typeof select
    >[1];
    return run(context).catch((e) => cancelled(e, ctx.signal));
  };
  // Choices wrap on a narrow terminal, and a page counts lines: a fixed 12 cut the fourth option
  // of a question off at 50 columns. The page is as tall as the screen allows, less the message
  // line and the key help under it.
  const pageSize = () => {
    // `||`: script(1) and some CI terminals report 0 rows.
    const rows = (ctx.output as { rows?: number } | undefined)?.rows || process.stdout.rows || 24;
    return Math.max(5, rows - 3);
  };
  // The terminal itself, not the view a prompt writes through: it is what reports a resize.
  const screen = () => (ctx.output ?? process.stdout) as NodeJS.WriteStream;
  const terminal = () => ({
    onResize: (redraw: () => void) => {
      const s = screen();
      s.on("resize", redraw);
      return () => void s.off("resize", redraw);
    },
    clear: () => void screen().write(CLEAR),
    rows: () => screen().rows || 24,
  });
  return {
    select: (message, choices, initial) =>
      guard((c) =>
        select(
          {
            message,
            choices,
            loop: false,
            pageSize: pageSize(),
            ...(initial !== undefined ? { default: initial } : {}),
          },
          c,
        ),
      ),
    checkbox: async (message, choices) => {
      const picked = await guard((c) =>
        pickManyPrompt({ message, choices, pageSize: pageSize(), width: () => screen().columns || 80 }, c),
      );
      return picked.flatMap((i) => (choices[i] ? [choices[i].value] : []));
    },
    confirm: (message, initial = true) => guard((c) => confirm({ message, default: initial }, c)),
    confirmKey: (message) => guard((c) => keyConfirm({ message }, c)),
    text: (message) => guard((c) => input({ message }, c)),
    choose: (view) => guard((c) => choosePrompt({ ...view, ...terminal() }, c)),
    reveal: (view) => guard((c) => revealPrompt({ ...view, ...terminal() }, c)),
    recall: (view) => {
      // Bracketed paste on while the answer is typed, off after: without it the terminal types a
      // pasted newline as Enter, and a pasted blank line finished the answer.
      screen().write(PASTE_ON);
      return guard((c) => recallPrompt({ ...view, ...terminal() }, c)).finally(() =>
        screen().write(PASTE_OFF),
      );
    },
    grade: (opts) => {
      const { onResize, clear } = terminal();
      return guard((c) => gradePrompt({ ...opts, onResize, clear }, c));
    },
    pause: (opts) => {
      const { onResize, clear } = terminal();
      return guard((c) => pausePrompt({ ...opts, onResize, clear }, c));
    },
    clear: () => void screen().write(CLEAR),
  };
}
