import { mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { clampFuture } from "../core/clock.js";
import { emptyState, reviveState, type State } from "../core/state.js";
import { UserError } from "../errors.js";
import { readRegularFile } from "./files.js";

/** The progress file: fast reads with no config library loaded, locked and atomic writes. */
export interface Store {
  readonly path: string;
  /** False once a write has failed: the session goes on, unsaved. */
  readonly persistent: boolean;
  read(): State;
  /**
   * Re-reads the file under a lock, applies `fn` and writes the result atomically. When the file
   * cannot be written, a session goes on unsaved after one warning; a command whose whole point is
   * the change (`config set`, `deck add`) passes `required` and fails instead, one line, exit 1.
   */
  update(fn: (s: State) => State, opts?: { required?: boolean }): Promise<State>;
  /** Starts loading the writer in the background, so the first save does not stall. */
  warm(): void;
}

type ConfModule = typeof import("conf");
type Lockfile = typeof import("proper-lockfile");

const WRITE_FAILURES = new Set([
  // The lock stays held past every retry: a lock dir left with a time ahead of the clock.
  "ELOCKED",
  "ENOTREG",
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "EDQUOT",
  "ENOTDIR",
  "EEXIST",
  "EISDIR",
  "ELOOP",
]);

export function openStore(
  dir: string,
  warn: (line: string) => void,
  now: () => Date = () => new Date(),
): Store {
  const path = join(dir, "config.json");
  let memory: State | undefined;
  let persistent = true;
  let unreadable: string | undefined;
  let writer: Promise<{ conf: InstanceType<ConfModule["default"]>; lockfile: Lockfile }> | undefined;
  const warned = new Set<string>();
  const warnOnce = (key: string, line: string) => {
    if (!warned.has(key)) warn(line);
    warned.add(key);
  };

  const moveAside = (why: string) => {
    const stamp = now().toISOString().replace(/[:.]/g, "-");
    const aside = `${path}.corrupt-${stamp}`;
    try {
      renameSync(path, aside);
      warnOnce("aside", `warning: ${path} ${why}; moved it to ${aside} and started fresh`);
    } catch {
      warnOnce("aside", `warning: ${path} ${why}; starting fresh`);
    }
  };

  const read = (): State => {
    if (memory) return structuredClone(memory);
    let text: string;
    try {
      text = readRegularFile(path).toString("utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") {
        unreadable = code ?? "unreadable";
        // Said, or "No answers yet" would read as if the progress were gone. update() never writes
        // over an unreadable file either, so this one warning covers saving too.
        warnOnce(
          "unreadable",
          `warning: cannot read ${path} (${unreadable}); no progress is shown, and it is not being saved`,
        );
      }
      return emptyState();
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      moveAside("is not valid JSON");
      return emptyState();
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      moveAside("is not a k8s-quiz progress file");
      return emptyState();
    }
    const { state, dropped, newer } = reviveState(raw);
    if (newer) {
      moveAside("was written by a newer k8s-quiz");
      return emptyState();
    }
    if (dropped.length)
      warnOnce("dropped", `warning: ${path}: ignored invalid fields: ${dropped.join(", ")}`);
    // Dates from a clock that was wrong (2099) are taken as now: see clampFuture.
    return clampFuture(state, now().getTime());
  };

  const loadWriter = () => {
    writer ??= Promise.all([import("conf"), import("proper-lockfile")]).then(([c, lockfile]) => {
      mkdirSync(dir, { recursive: true });
      // Bundled as CommonJS, the class can sit one `default` deeper.
      const Conf = ((c.default as unknown as { default?: ConfModule["default"] }).default ??
        c.default) as ConfModule["default"];
      const conf = new Conf<Record<string, unknown>>({
        cwd: dir,
        configName: "config",
        projectName: "k8s-quiz",
        projectSuffix: "",
        watch: false,
        accessPropertiesByDotNotation: false,
        // Never let the library wipe a file we could not read: read() moves it aside instead.
        clearInvalidConfig: false,
      });
      return { conf, lockfile: (lockfile as { default?: Lockfile }).default ?? lockfile };
    });
    return writer;
  };

  const update = async (fn: (s: State) => State, opts: { required?: boolean } = {}): Promise<State> => {
    if (memory && opts.required) throw new UserError(`cannot save to ${path}: it could not be written`);
    if (memory) {
      memory = fn(memory);
      return memory;
    }
    let release: (() => Promise<void>) | undefined;
    try {
      read(); // moves a corrupt file aside before the writer opens it
      if (unreadable) throw Object.assign(new Error(unreadable), { code: unreadable });
      const { conf, lockfile } = await loadWriter();
      release = await lockfile.lock(path, {
        realpath: false,
        // A lock left by a killed process is taken over after 2 s: long enough for any real save.
        stale: 2000,
        retries: { retries: 200, minTimeout: 5, maxTimeout: 50, factor: 1.2 },
        onCompromised: () => {},
      });
      const next = fn(read());
      conf.store = next as unknown as Record<string, unknown>;
      return next;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "";
      if (!WRITE_FAILURES.has(code)) throw e;
      if (opts.required) throw new UserError(`cannot save to ${path} (${code})`);
      persistent = false;
      if (!unreadable)
        warn(
          `warning: cannot save progress to ${path} (${code}); this session's progress is not being saved`,
        );
      memory = fn(read());
      return memory;
    } finally {
      await release?.().catch(() => {});
    }
  };

  return {
    path,
    get persistent() {
      return persistent;
    },
    read,
    update,
    warm: () => {
      loadWriter().catch(() => {});
    },
  };
}
