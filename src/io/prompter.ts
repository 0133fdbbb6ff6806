import { Writable } from "node:stream";
import { Interrupted } from "../errors.js";
import {
  checkbox,
  confirm,
  createPrompt,
  input,
  isEnterKey,
  makeTheme,
  type Status,
  select,
  useEffect,
  useKeypress,
  usePrefix,
  useState,
} from "../vendor/inquirer.js";
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
  checkbox<T>(message: string, choices: Choice<T>[]): Promise<T[]>;
  confirm(message: string, initial?: boolean): Promise<boolean>;
  text(message: string): Promise<string>;
  /**
   * Several lines of typed text; an empty line finishes. `clock` (an exam's "4:59 left") is shown
   * after the message and redrawn every second while the user types.
   */
  multiline(message: string, clock?: () => string | undefined, draft?: { text: string }): Promise<string>;
}

const multilinePrompt = createPrompt<
  string,
  { message: string; clock?: () => string | undefined; draft?: { text: string } }
>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<Status>("idle");
  const [lines, setLines] = useState<string[]>([]);
  const [value, setValue] = useState("");
  const [, setTick] = useState(0);
  const prefix = usePrefix({ status, theme });
  useEffect(() => {
    if (!config.clock) return;
    let ticks = 0;
    const timer = setInterval(() => setTick(++ticks), 1000);
    return () => clearInterval(timer);
  }, []);
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    if (isEnterKey(key)) {
      if (!value.trim()) {
        setStatus("done");
        done(lines.join("\n"));
      } else {
        setLines([...lines, value]);
        setValue("");
      }
      return;
    }
    setValue(rl.line);
  });
  // Kept current on every redraw, for a caller that stops the prompt before Enter (an exam's clock).
  if (config.draft) config.draft.text = [...lines, value].filter((l) => l.trim()).join("\n");
  const clock = status === "idle" ? config.clock?.() : undefined;
  const message = theme.style.message(clock ? `${config.message} · ${clock}` : config.message, status);
  if (status === "done") {
    if (!lines.length) return `${prefix} ${message} ${theme.style.help("(no answer)")}`;
    return `${prefix} ${message}\n${lines.map((l) => `  ${theme.style.answer(l)}`).join("\n")}`;
  }
  const hint = theme.style.help(
    lines.length
      ? "(Enter on an empty line to finish)"
      : "(Enter on an empty line to finish; empty for I don't know)",
  );
  return [`${prefix} ${message} ${hint}`, ...lines.map((l) => `  ${l}`), `  ${value}`].join("\n");
});

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
    checkbox: (message, choices) =>
      guard((c) => checkbox({ message, choices, loop: false, pageSize: pageSize(), required: true }, c)),
    confirm: (message, initial = true) => guard((c) => confirm({ message, default: initial }, c)),
    text: (message) => guard((c) => input({ message }, c)),
    multiline: (message, clock, draft) =>
      guard((c) => multilinePrompt({ message, ...(clock ? { clock } : {}), ...(draft ? { draft } : {}) }, c)),
  };
}
