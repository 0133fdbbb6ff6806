import type { Event } from "js-yaml";
import { excerpt } from "../../core/text.js";
import type { RawMeta } from "../../core/types.js";
import { QUIZ_BLOCK_LIMITS, sizeText, YamlLimitError, type YamlLimits } from "../yaml-limits.js";

// Quiz blocks are read with js-yaml, not the `yaml` library the plans use: `yaml` builds a full
// document (CST, nodes with ranges) and cost 1.5-3 CPU seconds for a densely keyed megabyte of
// blocks; js-yaml's event parser is several times cheaper and gives source offsets, which is all
// `deck check` needs to put a problem on its line. js-yaml keeps what mattered about `yaml` here:
// a core schema with no custom tags, duplicate keys refused (with a hash, not the quadratic scan
// `yaml` did), and aliases as shared references, never copies, whose expansion is measured below.

type JsYaml = typeof import("js-yaml");

/** A quiz block that is not YAML; `offset` is where in its text, when the parser said. */
export class QuizYamlError extends Error {
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

/** A parsed block: its data, and where in its text a value sits, for a problem's line. */
export interface QuizYaml {
  data: unknown;
  /** Offset of the value at `path` or, failing that, of its nearest parent. */
  offsetOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * The deck line of `offset` in a block's text; with no offset, the `<!-- quiz` line. The block's
 * YAML starts on the line after that one (`raw.line`), so its line 1 is raw.line + 1.
 */
export function blockLine(raw: RawMeta, offset: number | undefined): number {
  if (offset === undefined) return raw.line;
  // `deck check` asks once for each problem, and a block may have hundreds: its line starts are
  // found once and searched.
  let starts = lineStarts.get(raw);
  if (!starts) {
    starts = [0];
    for (let i = raw.text.indexOf("\n"); i >= 0; i = raw.text.indexOf("\n", i + 1)) starts.push(i + 1);
    lineStarts.set(raw, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return raw.line + 1 + lo;
}
const lineStarts = new WeakMap<RawMeta, number[]>();

const schemas = new WeakMap<JsYaml, import("js-yaml").Schema>();
/**
 * The core schema with a mapping that takes a collection as a key, as `yaml` did (it stringified
 * it): js-yaml's own refuses the block, and the validator reports such a key as unknown anyway.
 */
function schemaOf(J: JsYaml) {
  let schema = schemas.get(J);
  if (!schema) {
    const plain = J.mapTag;
    schema = J.CORE_SCHEMA.withTags(
      J.defineMappingTag("tag:yaml.org,2002:map", {
        create: plain.create,
        identify: plain.identify,
        represent: plain.represent,
        has: (c, key) => plain.has(c, keyOf(key)),
        keys: plain.keys,
        get: (c, key) => plain.get(c, keyOf(key)),
        addPair: (c, key, value) => plain.addPair(c, keyOf(key), value),
      }),
    );
    schemas.set(J, schema);
  }
  return schema;
}
const keyOf = (key: unknown) => (key !== null && typeof key === "object" ? JSON.stringify(key) : key);

/**
 * Parses one quiz block within its limits: the size is checked before the parser sees it, and the
 * keys and list items are counted after, with aliases expanded as a reader of the data would meet
 * them (a "billion laughs" block is a few hundred bytes that expand to millions). Throws
 * YamlLimitError for a block past a limit or with a duplicate key, QuizYamlError for one that is
 * not YAML; both carry the offset of the fault where there is one.
 */
export function readQuizYaml(J: JsYaml, text: string, limits: YamlLimits = QUIZ_BLOCK_LIMITS): QuizYaml {
  const { what, bytes, nodes: most } = limits;
  if (Buffer.byteLength(text) > bytes) throw new YamlLimitError(`${what} is larger than ${sizeText(bytes)}`);
  let events: Event[];
  let docs: unknown[];
  try {
    events = J.parseEvents(text, { maxDepth: 50 });
    docs = J.constructFromEvents(events, { source: text, schema: schemaOf(J), maxAliases: most });
  } catch (e) {
    if (!(e instanceof J.YAMLException)) throw e;
    const offset = e.mark?.position;
    if (e.reason === "duplicated mapping key")
      throw new YamlLimitError(`duplicate key "${excerpt(keyAt(text, offset ?? 0), 40)}"`, offset);
    throw new QuizYamlError(e.reason || e.message.split("\n")[0] || "unreadable", offset);
  }
  if (docs.length > 1) throw new QuizYamlError("a quiz block holds one YAML document, and this has more");
  const data = docs[0] ?? null;
  const { distinct, expanded } = sizeOf(data);
  if (distinct > most)
    throw new YamlLimitError(`${what} has more than ${most.toLocaleString("en-US")} keys and list items`);
  // The message `yaml` gave for the same attack, so it reads the same as before.
  if (expanded > most)
    throw new QuizYamlError("Excessive alias count indicates a resource exhaustion attack");
  let offsets: Map<string, number> | undefined;
  return {
    data,
    offsetOf(path) {
      offsets ??= offsetsOf(J, text, events);
      for (let p = path; p.length; p = p.slice(0, -1)) {
        const at = offsets.get(JSON.stringify(p));
        if (at !== undefined) return at;
      }
      return undefined;
    },
  };
}

/** The key a duplicate-key error points at, as written (quotes taken off). */
function keyAt(text: string, offset: number): string {
  const end = text.indexOf("\n", offset);
  const line = text.slice(offset, end < 0 ? undefined : end);
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|(.*?))\s*:(?:\s|$)/.exec(line);
  return m ? (m[1] ?? m[2]?.replace(/''/g, "'") ?? m[3] ?? "") : line.trim();
}

/**
 * Keys and list items in the data: each collection counted once (`distinct`), and as often as it
 * is reached (`expanded`, what an alias costs whoever walks the data). Linear in the distinct
 * collections: the size of one already seen is remembered. A collection inside itself (`&a [*a]`)
 * would never end for a reader, so it counts as past every limit.
 */
function sizeOf(data: unknown): { distinct: number; expanded: number } {
  const sizes = new Map<object, number>();
  let distinct = 0;
  const size = (v: unknown): number => {
    if (v === null || typeof v !== "object") return 0;
    const known = sizes.get(v);
    if (known !== undefined) return known;
    sizes.set(v, Number.POSITIVE_INFINITY); // until it is measured: met again inside itself, a cycle
    const items = Array.isArray(v) ? v : Object.values(v);
    distinct += items.length;
    let n = items.length;
    for (const item of items) n += size(item);
    sizes.set(v, n);
    return n;
  };
  const expanded = size(data);
  return { distinct, expanded };
}

/** Where each value starts, by its path as JSON: found from the parser's events, once, when asked. */
function offsetsOf(J: JsYaml, text: string, events: readonly Event[]): Map<string, number> {
  const E = J.EVENT_ID;
  const out = new Map<string, number>();
  interface Frame {
    path: (string | number)[];
    map: boolean;
    next: number;
    key?: string;
    /** A collection used as a key: nothing in it has a path. */
    skip: boolean;
  }
  const stack: Frame[] = [];
  for (const ev of events) {
    if (ev.type === E.DOCUMENT) continue;
    if (ev.type === E.POP) {
      stack.pop();
      continue;
    }
    const top = stack[stack.length - 1];
    let path: (string | number)[] | undefined = [];
    let skip = false;
    if (top) {
      if (top.skip) skip = true;
      else if (top.map && top.next % 2 === 0) {
        // A key: it names the value that follows.
        top.key = ev.type === E.SCALAR ? J.getScalarValue(text, ev) : undefined;
        skip = ev.type !== E.SCALAR;
        path = undefined;
      } else path = [...top.path, top.map ? (top.key ?? "") : top.next];
      top.next++;
    }
    if (path && !skip) {
      const start = ev.type === E.SCALAR ? ev.valueStart : ev.type === E.ALIAS ? ev.anchorStart : ev.start;
      const marks = [start, ev.anchorStart, "tagStart" in ev ? ev.tagStart : -1].filter((x) => x >= 0);
      out.set(JSON.stringify(path), Math.min(...marks));
    }
    if (ev.type === E.MAPPING || ev.type === E.SEQUENCE)
      stack.push({ path: path ?? [], map: ev.type === E.MAPPING, next: 0, skip: skip || !path });
  }
  return out;
}
