import { accessSync, constants } from "node:fs";
import { type Random, seededRandom } from "../core/random.js";
import type { Deps } from "../deps.js";
import { UsageError, UserError } from "../errors.js";
import { checkStreamable, whyNot } from "../io/files.js";
import type { SessionCommand, SessionMeta } from "./meta.js";

/** Flags every session command shares, as commander gives them: where answers come from, where results go. */
export interface SessionFlags {
  answers?: string;
  json?: boolean;
  dryRun?: boolean;
  cram?: boolean;
  failUnder?: number;
  seed?: number;
  color?: boolean;
  /** YYYY-MM-DD: schedule towards this exam for this session, over the setting (`review --exam-date`). */
  examDate?: string;
}

/** Who answers: the learner at a terminal, or a script's lines. */
export type FrontEnd =
  /** `promptsOnStderr`: --json with stdout redirected; the prompts go to stderr's terminal. */
  | { kind: "terminal"; promptsOnStderr: boolean }
  /** A file of answer lines, or "-" for stdin. */
  | { kind: "script"; answers: string };

/** A session as it is started: every choice made, nothing left to read from the flags. */
export interface SessionOptions {
  meta: SessionMeta;
  frontEnd: FrontEnd;
  random: Random;
  /** The session's time: an exam's, or `daily --date`'s day. */
  clock: () => Date;
  /** Ends the session early when aborted (an exam's timer); Ctrl+C and SIGTERM always do. */
  stop?: AbortSignal;
  json: boolean;
  color?: boolean;
  examDate?: string;
  failUnder?: number;
}

/** The front end the flags and the terminal call for; a script's --answers file is checked here. */
export function chooseFrontEnd(deps: Deps, flags: SessionFlags): FrontEnd {
  // `--json > out.json` in a terminal: the prompts go to stderr, which is still the terminal.
  if (!flags.answers && (deps.isTTY || (!!flags.json && deps.stderrTTY)))
    return { kind: "terminal", promptsOnStderr: !!flags.json };
  if (flags.answers === "") throw new UsageError("--answers needs a file name, or - for stdin");
  if (flags.answers && flags.answers !== "-") {
    try {
      accessSync(flags.answers, constants.R_OK);
      // Read as a stream (a FIFO is fine here), but not a folder or a device.
      checkStreamable(flags.answers);
    } catch (e) {
      throw new UserError(`cannot read answers from ${flags.answers}: ${whyNot(e)}`);
    }
  }
  return { kind: "script", answers: flags.answers ?? "-" };
}

/**
 * Turns a command's flags into the session's typed options. A command that draws from its own
 * random source (daily's order comes from its date) passes it in `random`; the meta's seed stays
 * the --seed given.
 */
export function sessionOptions(
  deps: Deps,
  command: SessionCommand,
  flags: SessionFlags,
  more: { random?: Random; clock?: () => Date; stop?: AbortSignal } = {},
): SessionOptions {
  const clock = more.clock ?? deps.now;
  const frontEnd = chooseFrontEnd(deps, flags);
  return {
    meta: {
      command,
      seed: flags.seed ?? null,
      dryRun: !!flags.dryRun,
      cram: !!flags.cram,
      startedAt: clock(),
    },
    frontEnd,
    random: more.random ?? (flags.seed !== undefined ? seededRandom(flags.seed) : deps.random),
    clock,
    ...(more.stop ? { stop: more.stop } : {}),
    json: !!flags.json,
    ...(flags.color !== undefined ? { color: flags.color } : {}),
    ...(flags.examDate !== undefined ? { examDate: flags.examDate } : {}),
    ...(flags.failUnder !== undefined ? { failUnder: flags.failUnder } : {}),
  };
}
