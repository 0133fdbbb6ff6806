import type { Random } from "./core/random.js";
import type { Bank } from "./core/types.js";
import type { BankNeeds } from "./io/decks/open-bank.js";
import type { Output } from "./io/output.js";
import type { Prompter } from "./io/prompter.js";
import type { Store } from "./io/store.js";

/** Everything a command may touch outside itself. cli.ts builds the real ones; tests build their own. */
export interface Deps {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  /** Both stdin and stdout are terminals: prompting is possible. */
  isTTY: boolean;
  /** stdin and stderr are terminals: with --json a session can prompt on stderr, stdout redirected. */
  stderrTTY: boolean;
  dataDir: string;
  configDir: string;
  /** Where indexes of big user decks are kept: rebuildable, never progress. */
  cacheDir: string;
  now(): Date;
  random: Random;
  /** stdout and stderr, coloured or not as the flags and environment say. */
  output(color?: boolean): Output;
  store(): Store;
  /**
   * The bundled decks, the registered ones and any given with --deck (io/decks/open-bank.ts), with
   * every answer loaded unless `needs` says the command shows none.
   */
  bank(extraDecks?: readonly string[], needs?: BankNeeds): Promise<Bank>;
  /** The prompts, on the terminal unless another output is given (--json sends them to stderr). */
  prompter(ctx?: { output?: NodeJS.WritableStream; signal?: AbortSignal }): Promise<Prompter>;
  /** Aborted on SIGINT or SIGTERM (the reason says which); installs the handlers on first use. */
  interrupts(): AbortSignal;
}
