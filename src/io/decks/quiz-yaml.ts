import type { Document } from "yaml";
import { excerpt } from "../../core/text.js";

type Yaml = typeof import("yaml");

/** A quiz block's YAML: a real one is a few hundred bytes (options, key points, tags, a note). */
export const MAX_QUIZ_BLOCK_BYTES = 16 * 1024;
/** Mapping keys and list items in one quiz block, counted together. */
export const MAX_QUIZ_BLOCK_NODES = 500;

/** A quiz block refused before or after parsing; `offset` is where in the block's text. */
export class QuizYamlError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
  }
}

/**
 * Parses one quiz block's YAML within limits, so no deck can make loading it slow: the block's size
 * is checked before the parser sees it, and the yaml library's own duplicate-key check (quadratic:
 * 200,000 keys ran for over ten minutes) is replaced by one pass with a Set per mapping, which also
 * counts the keys and items. Syntax errors are left in the document's `errors` for the caller.
 */
export function parseQuizDocument(
  Y: Yaml,
  text: string,
  options: { lineCounter?: InstanceType<Yaml["LineCounter"]> } = {},
): Document.Parsed {
  if (Buffer.byteLength(text) > MAX_QUIZ_BLOCK_BYTES)
    throw new QuizYamlError(`quiz block is larger than ${MAX_QUIZ_BLOCK_BYTES / 1024} KB`);
  // logLevel "error": the library's own warnings (a collection as a key) would reach stderr raw.
  const doc = Y.parseDocument(text, {
    ...options,
    uniqueKeys: false,
    prettyErrors: false,
    logLevel: "error",
  });
  if (doc.errors.length) return doc;
  let nodes = 0;
  const tooMany = () =>
    new QuizYamlError(`quiz block has more than ${MAX_QUIZ_BLOCK_NODES} keys and list items`);
  Y.visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (++nodes > MAX_QUIZ_BLOCK_NODES) throw tooMany();
        const key = pair.key;
        // A key that is a collection has no simple identity; the validator refuses such blocks anyway.
        if (!Y.isScalar(key)) continue;
        const name = String(key.value);
        if (seen.has(name))
          throw new QuizYamlError(`duplicate key "${excerpt(name, 40)}"`, key.range?.[0] ?? 0);
        seen.add(name);
      }
    },
    Seq(_, seq) {
      nodes += seq.items.length;
      if (nodes > MAX_QUIZ_BLOCK_NODES) throw tooMany();
    },
  });
  return doc;
}
