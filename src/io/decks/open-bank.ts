import type { DeckEntry } from "../../core/state.js";
import type { Bank } from "../../core/types.js";
import { loadAnswers } from "./indexed.js";

/** What a command needs of the bank beyond its questions' prompts and sections. */
export interface BankNeeds {
  /**
   * The answers (the default): a command that only lists prompts or counts questions (`sections`,
   * `list`) says false, and a big user deck's answers are then never read from its file.
   */
  answers?: boolean;
}

export interface BankPlace {
  dataDir: string;
  /** The build's pre-parsed copy of the bundled decks (dist/bank.json), when there is one. */
  cacheFile?: string;
  /** Where the indexes of user decks are kept. */
  cacheDir: string;
  registered: readonly DeckEntry[];
  warn: (line: string) => void;
  /** Whether a --deck file that gave no warning still gets its count line (stderr is a terminal). */
  tell?: boolean;
}

/**
 * The bank of this run, assembled as every command gets it (Deps.bank): the bundled decks, the
 * registered ones or the --deck ones, and then, unless the command says it shows none, the answers
 * of the decks read from an index. Answers are loaded here, at the edge, so the core only ever sees
 * plain questions and never reads a file.
 */
export async function openBank(
  place: BankPlace,
  extra: readonly string[] = [],
  needs: BankNeeds = {},
): Promise<Bank> {
  const { loadBank } = await import("../bank.js");
  // Only user decks are indexed; the bundled ones come pre-parsed from the build.
  const indexes = place.registered.length || extra.length ? await import("../deck-cache.js") : undefined;
  const bank = await loadBank({
    dataDir: place.dataDir,
    ...(place.cacheFile ? { cacheFile: place.cacheFile } : {}),
    registered: place.registered,
    extra,
    warn: place.warn,
    ...(place.tell !== undefined ? { tell: place.tell } : {}),
    ...(indexes ? { cache: new indexes.DeckCache(place.cacheDir) } : {}),
  });
  if (!indexes || needs.answers === false) return bank;
  return { sections: bank.sections, questions: loadAnswers(bank.questions) };
}
