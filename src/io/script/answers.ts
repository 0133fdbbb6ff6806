import { createReadStream, open, statSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { letter, letterIndex } from "../../core/options.js";
import { type Given, OutOfAnswers, type Presented, type SessionIO } from "../../core/session.js";
import { excerpt, stripControl } from "../../core/text.js";
import { GRADES, type Grade } from "../../core/types.js";
import { UserError } from "../../errors.js";
import { builtin } from "../builtin.js";
import { cancelReason } from "../terminal/cancel.js";
import type { Output } from "../terminal/output.js";
import { renderPlain } from "../terminal/render.js";
import { wrapText } from "../terminal/wrap.js";

/** The longest answer line read: far more than any typed answer, far less than /dev/zero's. */
export const MAX_ANSWER_CHARS = 100_000;

/**
 * Answer lines from a file, or from stdin for "-". Read lazily, so an endless pipe works. A line
 * longer than `maxChars` ends the reading with one error: readline kept an endless one (`yes |
 * tr -d '\n'`) in memory until Node died with its own trace.
 */
export function answerLines(
  source: string,
  stdin: NodeJS.ReadableStream,
  maxChars = MAX_ANSWER_CHARS,
): AsyncIterator<string> {
  return splitLines(source === "-" ? stdin : openAnswers(source), maxChars)[Symbol.asyncIterator]();
}

/**
 * An answers file as a stream. A FIFO (a named pipe, or bash's `<(...)`) is read through a pipe
 * handle, as process.stdin reads a pipe: read through fs, a read waits in one of libuv's pool
 * threads until the writer sends or closes, and Node's exit waits for that thread, so a session
 * stopped by Ctrl+C or SIGTERM stayed alive for as long as the writer held the pipe open.
 */
function openAnswers(source: string): NodeJS.ReadableStream | Promise<NodeJS.ReadableStream> {
  let fifo = false;
  try {
    fifo = statSync(source).isFIFO();
  } catch {
    // A missing or unreadable file: the stream's own error says so when it is read.
  }
  if (!fifo) return createReadStream(source);
  // Opening a FIFO waits for its writer: in the pool, so the session can still be stopped meanwhile.
  return new Promise((resolve, reject) =>
    open(source, "r", (e, fd) => {
      if (e) return reject(e);
      const { Socket } = builtin<typeof import("node:net")>("node:net");
      resolve(new Socket({ fd, readable: true, writable: false }));
    }),
  );
}

async function* splitLines(
  source: NodeJS.ReadableStream | Promise<NodeJS.ReadableStream>,
  maxChars: number,
): AsyncGenerator<string> {
  const input = await source;
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let n = 0;
  const line = (text: string) => {
    n++;
    return text.endsWith("\r") ? text.slice(0, -1) : text;
  };
  try {
    for await (const chunk of input) {
      pending += typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
      let start = 0;
      for (let end = pending.indexOf("\n"); end >= 0; end = pending.indexOf("\n", start)) {
        if (end - start > maxChars + 1) throw tooLong(n + 1, maxChars);
        yield line(pending.slice(start, end));
        start = end + 1;
      }
      pending = pending.slice(start);
      if (pending.length > maxChars + 1) throw tooLong(n + 1, maxChars);
    }
    pending += decoder.end();
    if (pending.length > maxChars) throw tooLong(n + 1, maxChars);
    if (pending) yield line(pending);
  } finally {
    // Stop a file stream (or /dev/zero's endless one) instead of reading it on in the background.
    if (input !== process.stdin) (input as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
}

const tooLong = (n: number, max: number) =>
  new UserError(`answer ${n} is longer than ${max.toLocaleString("en-US")} characters`);

/** Parses one scripted answer for a question; undefined when the line names nothing valid. */
export function parseAnswer(p: Presented, line: string): Given | undefined {
  const t = line.trim();
  switch (p.mode) {
    case "choice": {
      const n = p.choices.options.length;
      const byLetter = letterIndex(t);
      const byNumber = /^\d+$/.test(t) ? Number(t) - 1 : -1;
      const i = byLetter >= 0 ? byLetter : byNumber;
      return i >= 0 && i < n ? { mode: "choice", choice: i, raw: t } : undefined;
    }
    case "recall":
      return { mode: "recall", text: line.replace(/\\n/g, "\n") };
    case "flash": {
      const g = t.toLowerCase();
      const grade = GRADES.find((x) => x === g) ?? (/^[1-4]$/.test(g) ? GRADES[Number(g) - 1] : undefined);
      return grade ? { mode: "flash", grade } : undefined;
    }
  }
}

const FALLBACK: Record<Presented["mode"], (raw: string) => Given> = {
  choice: (raw) => ({ mode: "choice", choice: null, raw }),
  recall: (raw) => ({ mode: "recall", text: raw }),
  flash: () => ({ mode: "flash", grade: "again" as Grade }),
};

const EXPECTED: Record<Presented["mode"], string> = {
  choice: "a letter a-d or a number 1-4",
  recall: "text",
  flash: "again, hard, good or easy",
};

export interface ScriptedOptions {
  /** Plain-text transcript on stdout; off with --json, which prints one document at the end. */
  out?: Output;
  warn: (line: string) => void;
  signal?: AbortSignal;
}

/**
 * The scripted side of a session: each question's answer is the next line. A line that names no option
 * counts as wrong with a warning; the end of the lines ends the session cleanly.
 */
export function scriptedIO(lines: AsyncIterator<string>, opts: ScriptedOptions): SessionIO {
  const { out, warn, signal } = opts;
  let n = 0;
  const next = (): Promise<IteratorResult<string>> => {
    if (signal?.aborted) return Promise.reject(cancelReason(signal.reason));
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(cancelReason(signal?.reason));
      signal?.addEventListener("abort", onAbort, { once: true });
      lines.next().then(
        (r) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(r);
        },
        (e: NodeJS.ErrnoException) => {
          signal?.removeEventListener("abort", onAbort);
          reject(
            new UserError(
              `cannot read answers: ${e.code === "ENOENT" ? `no such file ${e.path}` : e.message}`,
            ),
          );
        },
      );
    });
  };

  return {
    async ask(p, { index, total }) {
      if (out) {
        const q = p.question;
        // A blank line between questions; the summary brings its own before it.
        if (index > 0) out.out();
        out.out(`[${index + 1}/${total}] #${q.id} (${q.section})`);
        out.out(wrapText(stripControl(q.prompt), out.width));
        if (p.mode === "choice") {
          p.choices.options.forEach((o, i) => {
            out.out(wrapText(`  ${letter(i)}) ${stripControl(o)}`, out.width));
          });
        } else if (p.mode === "flash") {
          // Said, since a session's modes can differ from question to question: a question with no
          // options is a flash card even in a choice session, and its line is a grade, not a letter.
          out.out(`  (a flash card: its line is a grade, ${EXPECTED.flash})`);
        }
      }
      const r = await next();
      if (r.done) throw new OutOfAnswers();
      n++;
      const given = parseAnswer(p, r.value);
      if (given) return given;
      // Quoted short: a 50 MB line once made a 50 MB warning.
      warn(
        `warning: answer ${n} ("${excerpt(r.value.trim())}") is not ${EXPECTED[p.mode]}; counted as wrong`,
      );
      return FALLBACK[p.mode](r.value);
    },
    async review(o) {
      if (!out) return o.grade;
      const p = o.presented;
      if (p.mode === "choice") {
        const given = o.given.mode === "choice" && o.given.choice !== null ? letter(o.given.choice) : "-";
        const verdict = o.correct ? "correct" : `wrong, the answer is ${letter(p.choices.correct)}`;
        out.out(`> ${given}: ${verdict}`);
      } else if (p.mode === "recall" && o.coverage) {
        const { hit, missed, contradicted } = o.coverage;
        const total = hit.length + missed.length + contradicted.length;
        const by = o.coverage.by === "llm" ? " (graded by the model)" : "";
        out.out(`> key points ${hit.length}/${total}; grade ${o.grade}${by}`);
        for (const [what, points] of [
          ["hit", hit],
          ["missed", missed],
          ["contradicted", contradicted],
        ] as const) {
          if (points.length)
            out.out(wrapText(`  ${what}: ${points.map((k) => k.label).join("; ")}`, out.width));
        }
      } else {
        out.out(`> grade ${o.grade}`);
      }
      // The answer when it was missed (or self-graded short of Good), with the deck's note on it.
      if (!o.correct) {
        out.out(renderPlain(stripControl(p.question.answer), out.width).replace(/^/gm, "  "));
        const note = p.question.meta?.note;
        if (note) out.out(wrapText(`  Note: ${stripControl(note)}`, out.width));
      }
      return o.grade;
    },
    save() {},
  };
}
