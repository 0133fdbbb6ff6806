import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { Deps } from "../../src/deps.js";
import { openBank } from "../../src/io/decks/open-bank.js";
import { createOutput } from "../../src/io/output.js";
import { createPrompter, type PromptContext } from "../../src/io/prompter.js";
import { openStore, type Store } from "../../src/io/store.js";
import { DATA } from "./bin.js";

export interface TestDepsOptions {
  configDir: string;
  /** The virtual terminal @inquirer/testing hands to a prompt: prompts and all screen output go there. */
  context: PromptContext;
  now?: () => Date;
  random?: () => number;
}

/**
 * Real dependencies (bundled bank, config store, Inquirer prompts) wired to a virtual terminal,
 * the same way cli.ts wires them to the process's.
 */
export function terminalDeps(opts: TestDepsOptions): Deps & { errors: string[] } {
  const errors: string[] = [];
  const stderr = new PassThrough();
  stderr.on("data", (d) => errors.push(String(d)));
  const stdout = opts.context.output as NodeJS.WritableStream;
  let store: Store | undefined;
  const controller = new AbortController();
  const deps: Deps & { errors: string[] } = {
    errors,
    env: {},
    stdin: opts.context.input as NodeJS.ReadableStream,
    stdout,
    stderr,
    isTTY: true,
    stderrTTY: true,
    dataDir: DATA,
    configDir: opts.configDir,
    cacheDir: join(opts.configDir, "cache"),
    now: opts.now ?? (() => new Date()),
    random: opts.random ?? Math.random,
    output: () => createOutput(stdout, stderr, false),
    store: () => {
      store ??= openStore(opts.configDir, (l) => errors.push(l), deps.now);
      return store;
    },
    // The CLI's own assembly (cli.ts realDeps): registered decks, --deck files, their indexes and
    // the explicit answer loading, so prompt tests go down the same bank path as a real run.
    bank: (extra = [], needs = {}) =>
      openBank(
        {
          dataDir: DATA,
          cacheDir: deps.cacheDir,
          registered: deps.store().read().decks,
          warn: (l) => errors.push(l),
        },
        extra,
        needs,
      ),
    prompter: async (ctx = {}) =>
      createPrompter({
        ...opts.context,
        ...ctx,
        signal: ctx.signal ? AbortSignal.any([controller.signal, ctx.signal]) : controller.signal,
      }),
    interrupts: () => controller.signal,
  };
  return deps;
}

/** Polls until `check` passes or the time is up; the failure names what was awaited. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 5000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
