import type { Document } from "yaml";
import { excerpt } from "../core/text.js";

type Yaml = typeof import("yaml");

/** How much YAML one document may hold, and what it is called in a message. */
export interface YamlLimits {
  what: string;
  bytes: number;
  /** Mapping keys and list items, counted together. */
  nodes: number;
}

/** A quiz block: a real one is a few hundred bytes (options, key points, tags, a note). */
export const QUIZ_BLOCK_LIMITS: YamlLimits = { what: "quiz block", bytes: 16 * 1024, nodes: 500 };

/** A YAML document refused before or after parsing; `offset` is where in its text. */
export class YamlLimitError extends Error {
  constructor(
    message: string,
    readonly offset = 0,
  ) {
    super(message);
  }
}

/**
 * Parses one YAML document (a plan; quiz blocks are read by io/decks/quiz-yaml.ts) within limits,
 * so no file can make loading it slow: the size is checked before the parser sees it, and the yaml library's own duplicate-key
 * check (quadratic in the keys of a mapping) is replaced by one pass with a Set per mapping, which
 * also counts the keys and items. Syntax errors are left in the document's `errors` for the caller.
 */
export function parseYamlWithin(
  Y: Yaml,
  text: string,
  limits: YamlLimits,
  options: { lineCounter?: InstanceType<Yaml["LineCounter"]> } = {},
): Document.Parsed {
  const { what, bytes, nodes: most } = limits;
  if (Buffer.byteLength(text) > bytes) throw new YamlLimitError(`${what} is larger than ${sizeText(bytes)}`);
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
    new YamlLimitError(`${what} has more than ${most.toLocaleString("en-US")} keys and list items`);
  Y.visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (++nodes > most) throw tooMany();
        const key = pair.key;
        // A key that is a collection has no simple identity; the validator refuses such blocks anyway.
        if (!Y.isScalar(key)) continue;
        const name = String(key.value);
        if (seen.has(name))
          throw new YamlLimitError(`duplicate key "${excerpt(name, 40)}"`, key.range?.[0] ?? 0);
        seen.add(name);
      }
    },
    Seq(_, seq) {
      nodes += seq.items.length;
      if (nodes > most) throw tooMany();
    },
  });
  return doc;
}

export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
