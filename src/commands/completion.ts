import type { Command } from "commander";
import { SETTING_RULES } from "../core/state.js";
import type { Deps } from "../deps.js";
import { UsageError } from "../errors.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

interface Spec {
  commands: {
    name: string;
    description: string;
    options: string[];
    subcommands: string[];
    /** Each subcommand's own options, by name. */
    subOptions: Record<string, string[]>;
  }[];
  globals: string[];
  slugs: string[];
  /** `config get|set <key>`. */
  settings: string[];
  /** `deck remove <name>`: the decks registered now. */
  decks: string[];
}

const longOptions = (cmd: Command) => cmd.options.map((o) => o.long).filter((x): x is string => !!x);

function bash(s: Spec): string {
  const cases = s.commands
    .map((c) => `    ${c.name}) opts="${[...c.options, ...c.subcommands, "--help"].join(" ")}" ;;`)
    .join("\n");
  const subCases = s.commands
    .flatMap((c) =>
      Object.entries(c.subOptions).map(
        ([sub, options]) => `    "${c.name} ${sub}") opts="${[...options, "--help"].join(" ")}" ;;`,
      ),
    )
    .join("\n");
  const parents = s.commands.filter((c) => c.subcommands.length).map((c) => c.name);
  return `# k8s-quiz completion for bash. Install: k8s-quiz completion bash > ~/.local/share/bash-completion/completions/k8s-quiz
_k8s_quiz() {
  local cur prev cmd="" sub="" subat=0 opts i word
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # The command is the first word that is not an option (global flags may come first); for a
  # command with subcommands, the next such word is the subcommand.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    if [ -z "$cmd" ]; then
      cmd="$word"
    elif [ -z "$sub" ]; then
      case " ${parents.join(" ")} " in *" $cmd "*) sub="$word"; subat=$i ;; esac
    fi
  done
  case "$cmd $sub" in
    "config get"|"config set")
      if [ "$COMP_CWORD" -eq $((subat + 1)) ]; then COMPREPLY=( $(compgen -W "${s.settings.join(" ")}" -- "$cur") ); return; fi ;;
    "deck remove")
      if [ "$COMP_CWORD" -eq $((subat + 1)) ]; then COMPREPLY=( $(compgen -W "${s.decks.join(" ")}" -- "$cur") ); return; fi ;;
  esac
  if [ "$cmd" = completion ] && [[ "$cur" != -* ]]; then
    COMPREPLY=( $(compgen -W "${SHELLS.join(" ")}" -- "$cur") ); return
  fi
  case "$prev" in
    -s|--section) COMPREPLY=( $(compgen -W "${s.slugs.join(" ")}" -- "$cur") ); return ;;
    -m|--mode) COMPREPLY=( $(compgen -W "choice recall flash" -- "$cur") ); return ;;
    --format) COMPREPLY=( $(compgen -W "anki csv json md" -- "$cur") ); return ;;
    --deck|--answers|--report|-o|--output) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  if [ -z "$cmd" ]; then
    COMPREPLY=( $(compgen -W "${s.commands.map((c) => c.name).join(" ")} ${s.globals.join(" ")}" -- "$cur") )
    return
  fi
  case "$cmd $sub" in
${subCases}
    *)
      case "$cmd" in
${cases.replace(/^/gm, "    ")}
        *) opts="--help" ;;
      esac ;;
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
  const bank = await deps.bank([], { answers: false });
  const spec: Spec = {
    commands: program.commands.map((c) => ({
      name: c.name(),
      description: c.description(),
      options: longOptions(c),
      subcommands: c.commands.map((x) => x.name()),
      subOptions: Object.fromEntries(c.commands.map((x) => [x.name(), longOptions(x)])),
    })),
    globals: [...longOptions(program), "--help"],
    slugs: [...new Set(bank.sections.flatMap((s) => [s.slug, ...s.aliases]))],
    settings: Object.keys(SETTING_RULES),
    decks: deps
      .store()
      .read()
      .decks.map((d) => d.name),
  };
  const script = shell === "bash" ? bash(spec) : shell === "zsh" ? zsh(spec) : fish(spec);
  deps.stdout.write(script);
}
