import type { SessionIO } from "../core/session.js";
import type { Deps } from "../deps.js";
import { answerLines, scriptedIO } from "../io/script/answers.js";
import { type InteractiveOptions, interactiveIO } from "../io/terminal/interactive.js";
import { createOutput, type Output } from "../io/terminal/output.js";
import type { Prompter } from "../io/terminal/prompter.js";
import type { SessionOptions } from "./options.js";

/** What one `ask` wants of the front end: an exam's silence, its clock in the status line. */
export interface AskOptions {
  silent?: boolean;
  status?: () => string | undefined;
}

/** The session's front end, opened: where its text goes, and a SessionIO for each round of questions. */
export interface OpenFrontEnd {
  /** Where the prompts and the screen text go: stderr's terminal under --json. */
  screen: Output;
  prompter?: Prompter;
  /** A SessionIO's ask and review for one round; `terminal` is what only a terminal can offer. */
  io(
    opts: AskOptions,
    terminal: Omit<InteractiveOptions, "silent" | "status">,
  ): Pick<SessionIO, "ask" | "review" | "pause">;
}

/** Opens the terminal's prompts or the script's answer lines, as the options chose. */
export async function openFrontEnd(deps: Deps, out: Output, o: SessionOptions): Promise<OpenFrontEnd> {
  if (o.frontEnd.kind === "terminal") {
    // With --json the prompts go to stderr, so stdout carries only the JSON document.
    const onStderr = o.frontEnd.promptsOnStderr;
    const prompter = await deps.prompter({
      ...(onStderr ? { output: deps.stderr } : {}),
      ...(o.stop ? { signal: o.stop } : {}),
    });
    // Laid out for stderr's terminal, which is where the prompts go.
    const screen = onStderr ? createOutput(deps.stderr, deps.stderr, out.color) : out;
    return {
      screen,
      prompter,
      io: (opts, terminal) => interactiveIO(prompter, screen, { ...terminal, ...opts }),
    };
  }
  const scripted = scriptedIO(answerLines(o.frontEnd.answers, deps.stdin), {
    ...(o.json ? {} : { out }),
    warn: (line) => out.err(line),
    signal: o.stop ? AbortSignal.any([deps.interrupts(), o.stop]) : deps.interrupts(),
  });
  return {
    screen: out,
    // An exam gives no feedback until its report card, in a script as on a terminal.
    io: (opts) => (opts.silent ? { ...scripted, review: async (x) => x.grade } : scripted),
  };
}
