import type { Command } from "commander";

/**
 * Builds only the command a run asks for. Declaring every command with all its options is a large
 * part of start-up, and a run needs one of them. The declarations stay as they are written (one
 * place, in program.ts), but they are made on a stand-in for the root command that records each
 * call. `finish(argv)` then replays, in their order, the root's own calls and those of the one
 * top-level command whose name or alias argv names; for anything else (root help, a mistyped name,
 * `help`, `completion`, which lists them all) it replays every call, so the tree is complete.
 *
 * Written by hand: commander has no lazy subcommands (its executable subcommands spawn processes).
 */
export interface Recorder {
  /** Stands in for the root while commands are declared; the real root once finished. */
  readonly program: Command;
  /** Builds what argv needs on the real root. */
  finish(argv: readonly string[]): void;
}

/** Commands whose action reads the whole tree. */
const NEEDS_ALL = new Set(["completion", "help"]);

interface Call {
  on: number;
  method: string | symbol;
  args: unknown[];
  result: number;
  /** The top-level command this call belongs to, or -1 for the root's own calls. */
  group: number;
}

export function recordCommands(root: Command): Recorder {
  const calls: Call[] = [];
  // Object 0 is the root; every call's result gets the next number.
  const groupOf = new Map<number, number>([[0, -1]]);
  // Which command object each result is: a chained call returns its receiver, .command() a new one.
  const commandOf = new Map<number, number>([[0, 0]]);
  const names = new Map<number, string[]>();
  let finished = false;

  const stand = (id: number): unknown =>
    new Proxy(function recorded() {}, {
      get(_t, method) {
        const real = root as unknown as Record<string | symbol, unknown>;
        if (finished || (id === 0 && typeof real[method] !== "function")) {
          // Reading a property (program.commands) or using the root after finish: the real one.
          const value = real[method];
          return typeof value === "function" ? value.bind(root) : value;
        }
        return (...args: unknown[]) => {
          const result = calls.length + 1;
          let group = groupOf.get(id) ?? -1;
          const command = method === "command" ? result : (commandOf.get(id) ?? id);
          if (commandOf.get(id) === 0 && method === "command") {
            group = result;
            names.set(group, [String(args[0]).split(" ")[0] as string]);
          } else if (command === group && (method === "alias" || method === "aliases")) {
            names.get(group)?.push(...(Array.isArray(args[0]) ? args[0] : [args[0]]).map(String));
          }
          groupOf.set(result, group);
          commandOf.set(result, command);
          calls.push({ on: id, method, args, result, group });
          // A chained method returns its own receiver (this): keep the chain on the same object.
          return stand(result);
        };
      },
    });

  const finish = (argv: readonly string[]) => {
    if (finished) return;
    finished = true;
    const word = argv.slice(2).find((a) => !a.startsWith("-"));
    const match = [...names].find(([, n]) => word !== undefined && n.includes(word))?.[0];
    const wanted = (group: number) =>
      group === -1 || match === undefined || NEEDS_ALL.has(word ?? "") || group === match;
    const objects = new Map<number, unknown>([[0, root]]);
    for (const c of calls) {
      if (!wanted(c.group)) continue;
      const target = objects.get(c.on) as Record<string | symbol, (...a: unknown[]) => unknown>;
      objects.set(c.result, target[c.method]?.(...c.args));
    }
  };

  return { program: stand(0) as Command, finish };
}
