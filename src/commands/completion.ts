import type { Command } from "commander";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

interface Spec {
  commands: { name: string; description: string; options: string[]; subcommands: string[] }[];
  globals: string[];
  slugs: string[];
}

const longOptions = (cmd: Command) => cmd.options.map((o) => o.long).filter((x): x is string => !!x);

function bash(s: Spec): string {
  const cases = s.commands
    .map((c) => `    ${c.name}) opts="${[...c.options, ...c.subcommands, "--help"].join(" ")}" ;;`)
    .join("\n");
  return `# k8s-quiz completion for bash. Install: k8s-quiz completion bash > ~/.local/share/bash-completion/completions/k8s-quiz
_k8s_quiz() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  case "$prev" in
    -s|--section) COMPREPLY=( $(compgen -W "${s.slugs.join(" ")}" -- "$cur") ); return ;;
    -m|--mode) COMPREPLY=( $(compgen -W "choice recall flash" -- "$cur") ); return ;;
    --format) COMPREPLY=( $(compgen -W "anki csv json md" -- "$cur") ); return ;;
    --deck|--answers|--report|-o|--output) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${s.commands.map((c) => c.name).join(" ")} ${s.globals.join(" ")}" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases}
    *) opts="--help" ;;
  esac
  COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
}
complete -o default -F _k8s_quiz k8s-quiz
`;
}

function zsh(s: Spec): string {
  const cmds = s.commands
    .map((c) => `    '${c.name}:${c.description.replace(/'/g, "'\\''").replace(/:/g, "\\:")}'`)
    .join("\n");
  const cases = s.commands
    .map(
      (c) =>
        `      ${c.name}) _values 'option' ${[...c.options, ...c.subcommands, "--help"].map((o) => `'${o}'`).join(" ")} ;;`,
    )
    .join("\n");
  return `#compdef k8s-quiz
# k8s-quiz completion for zsh. Install: k8s-quiz completion zsh > "\${fpath[1]}/_k8s-quiz", then restart zsh.
_k8s-quiz() {
  local -a commands
  commands=(
${cmds}
  )
  case "$words[CURRENT-1]" in
    -s|--section) _values 'section' ${s.slugs.map((x) => `'${x}'`).join(" ")}; return ;;
    -m|--mode) _values 'mode' choice recall flash; return ;;
    --format) _values 'format' anki csv json md; return ;;
    --deck|--answers|--report|-o|--output) _files; return ;;
  esac
  if (( CURRENT == 2 )); then
    _describe 'command' commands
  else
    case "$words[2]" in
${cases}
    esac
  fi
}
# Autoloaded from $fpath, this file is the completion function's body: complete now. Sourced, register it.
if [ "$funcstack[1]" = "_k8s-quiz" ]; then
  _k8s-quiz "$@"
else
  compdef _k8s-quiz k8s-quiz
fi
`;
}

function fish(s: Spec): string {
  const lines = [
    "# k8s-quiz completion for fish. Install: k8s-quiz completion fish > ~/.config/fish/completions/k8s-quiz.fish",
    "complete -c k8s-quiz -f",
  ];
  for (const c of s.commands) {
    lines.push(
      `complete -c k8s-quiz -n __fish_use_subcommand -a ${c.name} -d '${c.description.replace(/'/g, "\\'")}'`,
    );
    for (const o of c.options)
      lines.push(
        `complete -c k8s-quiz -n '__fish_seen_subcommand_from ${c.name}' -l ${o.replace(/^--/, "")}`,
      );
    for (const sub of c.subcommands)
      lines.push(`complete -c k8s-quiz -n '__fish_seen_subcommand_from ${c.name}' -a ${sub}`);
  }
  lines.push(`complete -c k8s-quiz -s s -l section -x -a '${s.slugs.join(" ")}'`);
  lines.push("complete -c k8s-quiz -s m -l mode -x -a 'choice recall flash'");
  lines.push("complete -c k8s-quiz -l format -x -a 'anki csv json md'");
  lines.push("complete -c k8s-quiz -l deck -r -F");
  lines.push("complete -c k8s-quiz -l answers -r -F");
  return `${lines.join("\n")}\n`;
}

/**
 * `k8s-quiz completion <shell>`: a completion script for commands, options and section slugs
 * (bundled and registered decks as they are now: re-run it after `deck add`).
 */
export async function completionCommand(deps: Deps, program: Command, shell: string): Promise<void> {
  if (!SHELLS.includes(shell as Shell))
    throw new UsageError(`unknown shell "${shell}"; choose bash, zsh or fish`);
  const bank = await deps.bank();
  const spec: Spec = {
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description(),
      options: longOptions(c),
      subcommands: c.commands.map((x) => x.name()),
    })),
    globals: [...longOptions(program), "--help"],
    slugs: [...new Set(bank.sections.flatMap((s) => [s.slug, ...s.aliases]))],
  };
  const script = shell === "bash" ? bash(spec) : shell === "zsh" ? zsh(spec) : fish(spec);
  deps.stdout.write(script);
}
