import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ok, outputLines, ROOT, runBin, tempDir } from "../helpers/bin.js";

// `k8s-quiz completion bash|zsh|fish`: scripts that parse, name every command and complete section slugs.

const COMMANDS = [
  "sections",
  "list",
  "show",
  "search",
  "practice",
  "daily",
  "review",
  "run",
  "optimize",
  "deck",
  "stats",
  "exam",
  "export",
  "flagged",
  "progress",
  "config",
  "completion",
  "weak",
];
const SLUGS = ["internals", "operators", "multi-cluster", "networking", "service-mesh"];
const ALIASES = ["crds", "ingress"];

const has = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

/** Writes a script to a temp file and returns its path. */
function saved(script: string, name: string): string {
  const file = join(tempDir("k8s-quiz-completion-"), name);
  writeFileSync(file, script);
  return file;
}

/**
 * Runs the bash completion function as bash would on <Tab>: COMP_WORDS is the command line split into
 * words, COMP_CWORD the index of the word being completed. Returns COMPREPLY, one word a line.
 */
function complete(script: string, words: string[]): string[] {
  const file = saved(script, "k8s-quiz.bash");
  const quoted = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" ");
  // The function's own status is compgen's (1 when nothing matches): print COMPREPLY regardless.
  const body = [
    'source "$1" || exit 9',
    `COMP_WORDS=(${quoted})`,
    `COMP_CWORD=${words.length - 1}`,
    "_k8s_quiz",
    `printf '%s\\n' "\${COMPREPLY[@]}"`,
  ].join("\n");
  const r = spawnSync("bash", ["-c", body, "bash", file], { encoding: "utf8", cwd: tempDir() });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout.split("\n").filter(Boolean);
}

let bash: string;
beforeAll(() => {
  expect(existsSync(BIN), "run npm run build first").toBe(true);
  bash = ok(runBin(["completion", "bash"]));
});

describe("completion bash", () => {
  it("is a script bash -n accepts", () => {
    const r = spawnSync("bash", ["-n", saved(bash, "k8s-quiz.bash")], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(bash).toContain("complete -o default -F _k8s_quiz k8s-quiz");
  });

  it("names every top-level command and every section slug and alias", () => {
    for (const c of COMMANDS) expect(bash).toMatch(new RegExp(`\\b${c}\\b`));
    for (const s of [...SLUGS, ...ALIASES]) expect(bash).toMatch(new RegExp(`[ "]${s}[ "]`));
  });

  it.each([
    [
      ["k8s-quiz", "config", "set", ""],
      ["defaultMode", "defaultCount", "weakThreshold", "newPerDay", "desiredRetention", "examDate", "pause"],
    ],
    [["k8s-quiz", "config", "get", "weak"], ["weakThreshold"]],
    [
      ["k8s-quiz", "completion", ""],
      ["bash", "zsh", "fish"],
    ],
    [
      ["k8s-quiz", "deck", "check", "--"],
      ["--json", "--help"],
    ],
    [
      ["k8s-quiz", "deck", ""],
      ["check", "add", "list", "remove", "--help"],
    ],
    [["k8s-quiz", "--no-color", "practice", "--sec"], ["--section"]],
    [["k8s-quiz", "--no-color", "sh"], ["show"]],
  ])("completes %j past the first word", (words, want) => {
    expect(complete(bash, words)).toEqual(want);
  });

  it("completes `deck remove` with the registered decks' names", () => {
    const dir = tempDir();
    const deck = join(dir, "helm.md");
    writeFileSync(deck, "## Helm\n\n### 1. What is a chart?\n\nA package.\n");
    ok(runBin(["deck", "add", deck], { configDir: dir }));
    const script = ok(runBin(["completion", "bash"], { configDir: dir }));
    expect(complete(script, ["k8s-quiz", "deck", "remove", ""])).toEqual(["helm"]);
  });

  it("completes `k8s-quiz practice --section net` to networking", () => {
    expect(complete(bash, ["k8s-quiz", "practice", "--section", "net"])).toEqual(["networking"]);
    expect(complete(bash, ["k8s-quiz", "list", "-s", "m"]).sort()).toEqual(["mesh", "multi-cluster"]);
    expect(complete(bash, ["k8s-quiz", "practice", "--section", ""]).sort()).toEqual(
      [...SLUGS, ...ALIASES, "cni", "federation", "mesh"].sort(),
    );
  });

  it("completes command names, a command's options, modes and formats", () => {
    expect(complete(bash, ["k8s-quiz", "pr"]).sort()).toEqual(["practice", "progress"]);
    expect(
      complete(bash, ["k8s-quiz", ""])
        .filter((w) => !w.startsWith("-"))
        .sort(),
    ).toEqual([...COMMANDS].sort());
    expect(complete(bash, ["k8s-quiz", "practice", "--se"]).sort()).toEqual(["--section", "--seed"]);
    expect(complete(bash, ["k8s-quiz", "practice", "--mode", "f"])).toEqual(["flash"]);
    expect(complete(bash, ["k8s-quiz", "export", "--format", ""]).sort()).toEqual([
      "anki",
      "csv",
      "json",
      "md",
    ]);
    expect(complete(bash, ["k8s-quiz", "config", ""]).sort()).toEqual([
      "--help",
      "get",
      "path",
      "reset",
      "set",
    ]);
    expect(complete(bash, ["k8s-quiz", "deck", "re"])).toEqual(["remove"]);
  });

  it("includes a registered deck's section slugs after `deck add`", () => {
    const dir = tempDir();
    ok(
      runBin(["deck", "add", join(ROOT, "test", "fixtures", "user-decks", "my-docker.md")], {
        configDir: dir,
      }),
    );
    const script = ok(runBin(["completion", "bash"], { configDir: dir }));
    expect(script).toMatch(/[ "]docker-volumes[ "]/);
    expect(script).toMatch(/[ "]compose[ "]/);
    expect(complete(script, ["k8s-quiz", "practice", "-s", "dock"])).toEqual(["docker-volumes"]);
    // Without the deck registered, it is not offered.
    expect(complete(bash, ["k8s-quiz", "practice", "-s", "dock"])).toEqual([]);
  });
});

describe("completion zsh", () => {
  let zsh: string;
  beforeAll(() => {
    zsh = ok(runBin(["completion", "zsh"]));
  });

  it("starts with #compdef and names every command and slug", () => {
    expect(outputLines(zsh)[0]).toBe("#compdef k8s-quiz");
    for (const c of COMMANDS) expect(zsh).toMatch(new RegExp(`'${c}:`));
    for (const s of SLUGS) expect(zsh).toContain(`'${s}'`);
  });

  it.skipIf(!has("zsh"))("sourced after compinit, completes section slugs and commands", () => {
    expect(zshTab(zsh, "source", "k8s-quiz practice --section net", "networking")).toBe("completed");
    expect(zshTab(zsh, "source", "k8s-quiz comp", "completion")).toBe("completed");
  });

  it.skipIf(!has("zsh"))("installed in $fpath, completes section slugs on the very first Tab", () => {
    expect(zshTab(zsh, "fpath", "k8s-quiz practice --section net", "networking")).toBe("completed");
  });

  it.skipIf(!has("zsh"))("is a script zsh -n accepts", () => {
    const r = spawnSync("zsh", ["-n", saved(zsh, "_k8s-quiz")], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

/**
 * Installs the zsh script (as a `_k8s-quiz` file in $fpath, the README's way, or sourced from .zshrc),
 * starts an interactive zsh in zsh's own pseudo-terminal (zpty), types a command line and one Tab,
 * and says whether `word` came back or the bell rang.
 */
function zshTab(script: string, install: "fpath" | "source", line: string, word: string): string {
  const home = tempDir("k8s-quiz-zsh-");
  mkdirSync(join(home, "fp"));
  const file = join(home, "fp", "_k8s-quiz");
  writeFileSync(file, script);
  const rc = [
    `fpath=(${join(home, "fp")} $fpath)`,
    "autoload -U compinit && compinit -u -D",
    install === "source" ? `source ${file}` : "",
    "PROMPT='READY> '",
  ];
  writeFileSync(join(home, ".zshrc"), `${rc.join("\n")}\n`);
  const driver = join(home, "drive.zsh");
  writeFileSync(
    driver,
    [
      "zmodload zsh/zpty",
      'zpty -b z "ZDOTDIR=$1 zsh -i"',
      "zpty -r z out '*READY> *' || exit 3",
      "zpty -w -n z \"$2\"$'\\t'",
      "bell=$'\\a'",
      `zpty -r z out "*($3|\${bell})*" || exit 4`,
      'case "$out" in *$3*) print completed;; *) print bell;; esac',
      "zpty -d z",
    ].join("\n"),
  );
  const r = spawnSync("zsh", ["-f", driver, home, line, word], {
    encoding: "utf8",
    timeout: 10_000,
    env: { ...process.env, ZDOTDIR: home },
  });
  expect(r.error, "zsh did not answer within 10 s").toBeUndefined();
  expect(r.status).toBe(0);
  return r.stdout.trim();
}

describe("completion fish", () => {
  it("is made of `complete -c k8s-quiz` lines naming every command and slug", () => {
    const fish = ok(runBin(["completion", "fish"]));
    const body = outputLines(fish).filter((l) => l && !l.startsWith("#"));
    expect(body.length).toBeGreaterThan(COMMANDS.length);
    for (const l of body) expect(l).toMatch(/^complete -c k8s-quiz /);
    for (const c of COMMANDS) expect(fish).toContain(`-n __fish_use_subcommand -a ${c} `);
    const section = body.find((l) => l.includes("-s s -l section -x -a "));
    for (const s of SLUGS) expect(section).toMatch(new RegExp(`[' ]${s}[' ]`));
  });

  it.skipIf(!has("fish"))("is a script fish -n accepts", () => {
    const fish = ok(runBin(["completion", "fish"]));
    const r = spawnSync("fish", ["-n", saved(fish, "k8s-quiz.fish")], { encoding: "utf8" });
    expect(r.status).toBe(0);
  });
});

describe("completion refuses", () => {
  it("an unknown shell with exit 2, naming the shells", () => {
    const r = runBin(["completion", "powershell"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(outputLines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^k8s-quiz: .*"powershell".*bash, zsh or fish/);
  });

  it("a missing shell with exit 2", () => {
    const r = runBin(["completion"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^k8s-quiz: /);
  });
});
