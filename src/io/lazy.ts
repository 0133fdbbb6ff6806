// Libraries loaded on first use, each through one loader here that unwraps its exports once. The
// build bundles each one on its own (dist/vendor/*.cjs) and turns import() into require(), so a
// bundled run gets esbuild's CommonJS wrapper, whose `default` may hold the exports, and a run
// from source (the tests) gets the ES module itself: what a caller wants is in a different place
// in each. Every import() of these libraries goes through here, so no caller guesses.

// Each loader runs once (core/once.ts): every later call gets the same promise.
import { once } from "../core/once.js";

type Yaml = typeof import("yaml");
type JsYaml = typeof import("js-yaml");
type Marked = typeof import("marked");
type MarkedTerminal = typeof import("marked-terminal");
type WrapAnsi = typeof import("wrap-ansi")["default"];

/**
 * The object that carries `name` among a loaded module and its nested `default`s: the module
 * itself from source, `default` or `default.default` through the bundle's CommonJS wrapper.
 */
export function exportsWith<T>(loaded: unknown, name: string, what = "the module"): T {
  let m = loaded as Record<string, unknown> | undefined;
  for (let depth = 0; depth < 3 && m; depth++) {
    if (m[name] !== undefined) return m as T;
    m = m.default as Record<string, unknown> | undefined;
  }
  throw new Error(`${what} has no ${name}`);
}

/** A module's default export when it is a function, under any of its `default`s. */
export function defaultFunction<T>(loaded: unknown, what = "the module"): T {
  let m = (loaded as { default?: unknown } | undefined)?.default;
  for (let depth = 0; depth < 2 && m; depth++) {
    if (typeof m === "function") return m as T;
    m = (m as { default?: unknown }).default;
  }
  throw new Error(`${what} has no default function`);
}

/** js-yaml, for quiz blocks: its event parser is what keeps a densely keyed block fast (decks/quiz-yaml.ts). */
export const loadJsYaml = once(async () =>
  exportsWith<JsYaml>(await import("js-yaml"), "parseEvents", "js-yaml"),
);

/** YAML, for plans and the Markdown export. */
export const loadYaml = once(async () => exportsWith<Yaml>(await import("yaml"), "parseDocument", "yaml"));

/** The Markdown parser and its terminal renderer, for coloured answers and the Anki export. */
export const loadMarked = once(async () => exportsWith<Marked>(await import("marked"), "Marked", "marked"));
export const loadMarkedTerminal = once(async () =>
  exportsWith<MarkedTerminal>(await import("marked-terminal"), "markedTerminal", "marked-terminal"),
);

/** ANSI-aware wrapping, for rendered (styled) answers. */
export const loadWrapAnsi = once(async () =>
  defaultFunction<WrapAnsi>(await import("wrap-ansi"), "wrap-ansi"),
);
