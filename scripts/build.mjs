// Bundles src/ into dist/ with esbuild.
//
// dist/start.cjs is what bin/ runs: it enables Node's compile cache and answers the once-a-shell
// `daily --hook` before anything else is read. dist/cli.cjs holds the CLI and the light libraries
// (commander, chalk, ts-fsrs); dist/cli-read.cjs the same without the sessions and the commands
// that change progress or decks, for the read-only lines src/start.ts sends it. The heavy
// libraries are bundled one per file under dist/vendor/ and required only on the paths that need
// them: the prompts, the colour renderer and the YAML parser.
// (scripts/bench.mjs and the README's Performance section say what each
// of these choices is worth.)

import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { build } from "esbuild";

const ROOT = new URL("..", import.meta.url).pathname;
const VENDOR = {
  "@inquirer/prompts": "inquirer",
  "@inquirer/core": "inquirer",
  marked: "marked",
  "marked-terminal": "marked-terminal",
  yaml: "yaml",
  "js-yaml": "js-yaml",
  "wrap-ansi": "wrap-ansi",
};

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node22",
  // `node scripts/build.mjs --no-minify` keeps names readable in a CPU profile.
  minify: !process.argv.includes("--no-minify"),
  logLevel: "warning",
  outExtension: { ".js": ".cjs" },
  // Licence comments of the bundled code go to dist/THIRD-PARTY-NOTICES.txt (see below).
  legalComments: "none",
  // import() of a vendor file becomes require(): a real import() would start Node's ES module loader
  // and run its CommonJS export scanner over the whole file.
  supported: { "dynamic-import": false },
  // The sources are ES modules; in the CommonJS bundle import.meta.dirname is this file's folder.
  // import.meta.url has no such stand-in: making one at the top of the bundle (pathToFileURL) and
  // parsing URLs against it cost every run about 1 ms, so the build refuses it (see below).
  define: { "import.meta.dirname": "__dirname" },
  metafile: true,
};

rmSync(join(ROOT, "dist"), { recursive: true, force: true });

// The deck reader's code, hashed: an index of a user's deck made by another build's reader is not
// used (src/io/decks/deck-cache.ts).
const readerHash = createHash("sha256");
for (const dir of ["src/core", "src/io/decks"])
  for (const f of readdirSync(join(ROOT, dir), { recursive: true }).map(String).sort())
    if (f.endsWith(".ts")) readerHash.update(`${dir}/${f}\0`).update(readFileSync(join(ROOT, dir, f)));
common.define.__READER_HASH__ = JSON.stringify(readerHash.digest("hex").slice(0, 16));

// Each heavy library in a file of its own.
const vendorEntries = {
  inquirer: "src/vendor/inquirer.ts",
  marked: "marked",
  "marked-terminal": "marked-terminal",
  yaml: "yaml",
  "js-yaml": "js-yaml",
  "wrap-ansi": "wrap-ansi",
  highlight: "src/vendor/highlight.ts",
};
// marked-terminal imports cli-highlight (highlight.js and parse5, 1.2 MB) and node-emoji (emojilib)
// at load, for code blocks and :shortcodes: only. Loading them made showing the first question in
// colour cost 400 million instructions (callgrind, practice's first prompt in a pseudo-terminal):
// compiling their functions and their hundreds of regular expressions. They are a file of their own
// (dist/vendor/highlight.cjs), required where marked-terminal calls them: in marked-terminal's file
// they made it 1.5 MB, which Node reads and hashes for its compile cache on every coloured run
// (~10 ms to require it; ~1.5 ms without them).
const lazyRenderers = {
  name: "lazy-renderers",
  setup(b) {
    b.onLoad({ filter: /[\\/]marked-terminal[\\/]index\.js$/ }, async (args) => {
      const imports = {
        "import { highlight as highlightCli } from 'cli-highlight';":
          "const highlightCli = (...a) => require('./highlight.cjs').highlight(...a);",
        "import * as emoji from 'node-emoji';":
          "const emoji = { get: (s) => require('./highlight.cjs').get(s) };",
      };
      let source = await readFile(args.path, "utf8");
      for (const [eager, lazy] of Object.entries(imports)) {
        if (!source.includes(eager))
          throw new Error(`marked-terminal changed: no "${eager}" in ${args.path}`);
        source = source.replace(eager, lazy);
      }
      return { contents: source, loader: "js" };
    });
  },
};
// The prompts' line wrapper measures text with fast-string-width: through a quick path first
// (src/vendor/string-width.ts says why), which itself imports the library.
const quickStringWidth = {
  name: "quick-string-width",
  setup(b) {
    const shim = join(ROOT, "src", "vendor", "string-width.ts");
    b.onResolve({ filter: /^fast-string-width$/ }, (args) =>
      args.importer === shim ? undefined : { path: shim },
    );
  },
};
// fast-string-truncated-width (under fast-string-width) creates its emoji, East Asian script and
// combining-mark patterns when it is loaded, and creating a \p{...} pattern builds ICU's sets for
// it: 7 million instructions of every session's first prompt, for patterns the quick path above
// almost never lets it use. They are made on the library's first call instead.
const lazyWidthPatterns = {
  name: "lazy-width-patterns",
  setup(b) {
    b.onLoad({ filter: /[\\/]fast-string-truncated-width[\\/]dist[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, "utf8");
      const made = [];
      for (const name of ["CJKT_WIDE_RE", "EMOJI_RE", "MODIFIER_RE"]) {
        const decl = new RegExp(`^const ${name} = (/.*/[a-z]*);$`, "m");
        const m = decl.exec(source);
        if (!m) throw new Error(`fast-string-truncated-width changed: no ${name} in ${args.path}`);
        source = source.replace(decl, `let ${name};`);
        made.push(`${name} ??= ${m[1]};`);
      }
      const main = "const getStringTruncatedWidth = (input, truncationOptions = {}, widthOptions = {}) => {";
      if (!source.includes(main))
        throw new Error(`fast-string-truncated-width changed: no "${main}" in ${args.path}`);
      source = source.replace(main, `${main}\n    ${made.join(" ")}`);
      return { contents: source, loader: "js" };
    });
  },
};
// wrap-ansi (which wraps coloured answers) and its string-width create Intl.Segmenters and emoji and
// mark patterns when they are loaded: 23 ms of the first answer shown in colour (8 for a segmenter,
// 14 for \p{RGI_Emoji}), for text that their printable-ASCII fast paths nearly always measure
// without them. They are made past those fast paths instead, where only they are used.
const lazyStringWidth = {
  name: "lazy-string-width",
  setup(b) {
    // wrap-ansi's, wherever the package manager put it; cli-table3 (in marked-terminal) has an older
    // one, without an emoji pattern, which makes none of them at load.
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, "utf8");
      if (!source.includes("RGI_Emoji")) return undefined;
      const made = [];
      for (const name of [
        "segmenter",
        "visibleCharacterRegex",
        "spacingMarkRegex",
        "rgiEmojiRegex",
        "extendedPictographicRegex",
      ]) {
        const decl = new RegExp(`^const ${name} = (.*);$`, "m");
        const m = decl.exec(source);
        if (!m) throw new Error(`string-width changed: no ${name} in ${args.path}`);
        source = source.replace(decl, `let ${name};`);
        made.push(`${name} ??= ${m[1]};`);
      }
      const fast = "\treturn string.length;\n\t}\n";
      const at = source.indexOf(fast);
      if (at < 0 || source.indexOf(fast, at + 1) >= 0)
        throw new Error(`string-width changed: no single ASCII fast path in ${args.path}`);
      source = `${source.slice(0, at + fast.length)}\t${made.join(" ")}\n${source.slice(at + fast.length)}`;
      return { contents: source, loader: "js" };
    });
    // wrap-ansi makes a segmenter of its own at load, for text that is not printable ASCII.
    b.onLoad({ filter: /[\\/]node_modules[\\/]wrap-ansi[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, "utf8");
      const decl = "const segmenter = new Intl.Segmenter();";
      const use = "segmenter.segment(";
      if (!source.includes(decl) || source.split(use).length !== 2)
        throw new Error(`wrap-ansi changed: no single lazy-able segmenter in ${args.path}`);
      source = source
        .replace(decl, "let segmenter;")
        .replace(use, "(segmenter ??= new Intl.Segmenter()).segment(");
      return { contents: source, loader: "js" };
    });
  },
};
const vendor = await build({
  ...common,
  entryPoints: vendorEntries,
  outdir: "dist/vendor",
  // marked-terminal's lazy requires of the highlighter's own file, next to its own at run time.
  external: ["./highlight.cjs"],
  plugins: [lazyRenderers, quickStringWidth, lazyWidthPatterns, lazyStringWidth],
});

// The CLI, with the heavy libraries left as requires of those files.
const toVendor = {
  name: "vendor",
  setup(b) {
    b.onResolve(
      { filter: /^(@inquirer\/(prompts|core)|marked|marked-terminal|yaml|js-yaml|wrap-ansi)$/ },
      (args) => ({ path: `./vendor/${VENDOR[args.path]}.cjs`, external: true }),
    );
    b.onResolve({ filter: /\/vendor\/inquirer\.js$/ }, () => ({
      path: "./vendor/inquirer.cjs",
      external: true,
    }));
  },
};
// A library's default import of a Node built-in (`import fs from 'node:fs'`) becomes esbuild's
// __toESM(require(...)), which copies every export of the module into a new object of getters at
// load: for commander's and env-paths' fs, os, path and process, some 80 KB and 0.3 ms of every run.
// For a built-in, the default export is the module object itself, so a plain require is the same.
const builtinNames = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const defaultBuiltinImport = /^import ([A-Za-z_$][\w$]*) from (['"])([^'"]+)\2;?$/gm;
function requireDefaultBuiltins(source) {
  return source.replace(defaultBuiltinImport, (line, name, _q, from) =>
    builtinNames.has(from) ? `const ${name} = require(${JSON.stringify(from)});` : line,
  );
}
const plainBuiltins = {
  name: "plain-builtins",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const plain = requireDefaultBuiltins(source);
      return plain === source ? undefined : { contents: plain, loader: "js" };
    });
  },
};

// commander imports child_process at load time for executable subcommands, which k8s-quiz has none
// of; with it come net, dgram and the stream layer. Load it on use.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const eager = "import childProcess from 'node:child_process';";
      const source = await readFile(args.path, "utf8");
      if (!source.includes(eager)) throw new Error(`commander changed: no "${eager}" in ${args.path}`);
      const lazy =
        "import { createRequire as __lazyRequire } from 'node:module';\n" +
        "const childProcess = { spawn: (...a) => __lazyRequire(__filename)('node:child_process').spawn(...a) };";
      return { contents: requireDefaultBuiltins(source.replace(eager, lazy)), loader: "js" };
    });
    // Every Option asks /\p{ID_Continue}\.\.\.[>\]]$/u whether its flags end in "name...>": the
    // first such test builds ICU's whole ID_Continue set, some 4 million instructions of every run.
    // k8s-quiz's flags are ASCII, where ID_Continue is exactly \w.
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]option\.js$/ }, async (args) => {
      const unicode = "/\\p{ID_Continue}\\.\\.\\.[>\\]]$/u";
      const source = await readFile(args.path, "utf8");
      if (!source.includes(unicode)) throw new Error(`commander changed: no ${unicode} in ${args.path}`);
      return { contents: source.replace(unicode, "/\\w\\.\\.\\.[>\\]]$/"), loader: "js" };
    });
  },
};

// env-paths asks node:os for the home and temporary folders when it is imported, and loading
// node:os cost every run about a million instructions (callgrind, without --single-threaded).
// On Linux and macOS os.homedir() is $HOME when that is set (libuv's uv_os_homedir), so the home
// comes from there and node:os is required only without it, or on Windows; the temporary folder,
// which k8s-quiz never uses, is asked for only if `temp` is read.
const lazyOsInEnvPaths = {
  name: "lazy-os-in-env-paths",
  setup(b) {
    b.onLoad({ filter: /[\\/]env-paths[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, "utf8");
      const edits = [
        ["import os from 'node:os';", "const os = () => require('node:os');"],
        [
          "const homedir = os.homedir();",
          "const homedir = (process.platform !== 'win32' && process.env.HOME !== undefined) ? process.env.HOME : os().homedir();",
        ],
        ["const tmpdir = os.tmpdir();\n", ""],
      ];
      for (const [from, to] of edits) {
        if (!source.includes(from)) throw new Error(`env-paths changed: no "${from}" in ${args.path}`);
        source = source.replace(from, to);
      }
      const temp = /temp: path\.join\(tmpdir, ([^)]*)\),/g;
      if ((source.match(temp) ?? []).length !== 3)
        throw new Error(`env-paths changed: its temp folders in ${args.path}`);
      source = source.replace(temp, "get temp() { return path.join(os().tmpdir(), $1); },");
      if (/\btmpdir\b(?!\()/.test(source))
        throw new Error(`env-paths changed: tmpdir still used in ${args.path}`);
      return { contents: requireDefaultBuiltins(source), loader: "js" };
    });
  },
};

// chalk's own colour detection (supports-color) imports node:tty, and with it node:net and the
// stream layer, on every run. k8s-quiz never uses it: it always tells chalk its level (io/terminal/render.ts,
// from --no-color, NO_COLOR and whether stdout is a terminal). So the bundle gets a detector that
// detects nothing.
const noColorDetection = {
  name: "no-color-detection",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: "supports-color", namespace: "stub" }));
    b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
      contents:
        "export function createSupportsColor() { return false; }\n" +
        "export default { stdout: false, stderr: false };",
      loader: "js",
    }));
  },
};

// chalk is required on the first coloured output (src/io/terminal/chalk.ts says why): from source
// through Node's createRequire, in the bundle as a require() that esbuild resolves, bundles and
// turns into chalk's lazy initialiser.
const lazyChalk = {
  name: "lazy-chalk",
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]io[\\/]terminal[\\/]chalk\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const fromSource = 'createRequire(import.meta.url)("chalk")';
      if (!source.includes(fromSource)) throw new Error(`${args.path} changed: no ${fromSource}`);
      return { contents: 'export const requireChalk = () => require("chalk");\n', loader: "js" };
    });
  },
};

const start = await build({
  ...common,
  entryPoints: { start: "src/start.ts" },
  outdir: "dist",
  external: ["./cli.cjs", "./cli-read.cjs"],
  plugins: [lazyOsInEnvPaths, plainBuiltins],
});
const { READ_COMMANDS } = createRequire(import.meta.url)(join(ROOT, "dist", "start.cjs"));

// The same CLI twice: dist/cli.cjs whole, and dist/cli-read.cjs for the commands start.ts sends
// there (READ_COMMANDS), with every other command module and the session layer left out. A command
// loads its module with import(), so this only has to replace those imports: with a module that
// fails loudly, for a command line start.ts should not have sent (test/io/bundles.test.ts runs
// every line it does send). The whole CLI's imports of commands are kept.
const readOnly = {
  name: "read-only",
  setup(b) {
    const src = join(ROOT, "src");
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const rel = relative(src, join(args.resolveDir, args.path)).split(sep).join("/");
      const command = /^commands\/([a-z-]+)\.js$/.exec(rel)?.[1];
      const left = command ? !READ_COMMANDS.includes(command) : rel.startsWith("session/");
      return left ? { path: rel, namespace: "not-in-read-bundle" } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: "not-in-read-bundle" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`src/${args.path} is not in dist/cli-read.cjs, yet this command line was sent there (src/start.ts, bundleFor)`)});`,
      loader: "js",
    }));
  },
};
const cliPlugins = [toVendor, lazyChildProcess, noColorDetection, lazyOsInEnvPaths, plainBuiltins, lazyChalk];
const cli = await build({
  ...common,
  entryPoints: { cli: "src/cli.ts" },
  outdir: "dist",
  plugins: cliPlugins,
});
const cliRead = await build({
  ...common,
  entryPoints: { "cli-read": "src/cli.ts" },
  outdir: "dist",
  plugins: [readOnly, ...cliPlugins],
});

// One character outside ASCII makes V8 hold the whole file as a two-byte string: twice the memory,
// a slow UTF-8 decode on every load, and Node's compile cache re-encodes it to hash it. esbuild
// escapes strings itself but not regular expression literals, so the source must: write \u2013.
// An unminified build keeps the libraries' comments, which may hold anything: it is not checked.
const shipped = common.minify
  ? [cli, cliRead, start, vendor].flatMap((r) => Object.keys(r.metafile.outputs))
  : [];
for (const file of shipped) {
  const text = readFileSync(join(ROOT, file), "utf8");
  if (text.includes("import.meta.url"))
    throw new Error(`${file} uses import.meta.url, which a CommonJS bundle lacks: use import.meta.dirname`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at NUL
  const at = text.search(/[^\x00-\x7f]/);
  if (at >= 0) {
    const around = JSON.stringify(text.slice(Math.max(0, at - 40), at + 20));
    throw new Error(`${file} is not ASCII at ${at}: ${around} (escape it in the source, e.g. as \\u2013)`);
  }
}

// The bundled decks, parsed once here so a run reads JSON instead of Markdown and YAML. The writer
// is build-only code: bundled to a temporary file, run, and removed, never shipped in dist/.
const tmp = mkdtempSync(join(tmpdir(), "k8s-quiz-build-"));
try {
  const writer = join(tmp, "write-bank.cjs");
  await build({ ...common, metafile: false, entryPoints: ["scripts/build/write-bank.ts"], outfile: writer });
  const { writeBankCache } = createRequire(import.meta.url)(writer);
  await writeBankCache(join(ROOT, "data"), join(ROOT, "dist", "bank.json"));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The licences of every third-party package that ended up in dist/, in one file the package ships.
const packages = new Map();
// Only code that made it into an output counts: esbuild drops what the CLI doesn't import.
for (const result of [vendor, cli, cliRead, start]) {
  const used = Object.values(result.metafile.outputs).flatMap((o) =>
    Object.entries(o.inputs)
      .filter(([, v]) => v.bytesInOutput > 0)
      .map(([k]) => k),
  );
  for (const input of used) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.set(m[1], join(ROOT, input.slice(0, input.indexOf(m[1]) + m[1].length)));
  }
}
const notices = [
  "k8s-quiz bundles the following third-party packages into dist/. Their licences follow.",
  "",
];
for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licenceFile = ["LICENSE", "LICENSE.md", "license", "license.md", "LICENSE.txt", "LICENCE"]
    .map((f) => join(dir, f))
    .find((f) => {
      try {
        readFileSync(f);
        return true;
      } catch {
        return false;
      }
    });
  const text = licenceFile ? readFileSync(licenceFile, "utf8").trim() : `License: ${pkg.license}`;
  notices.push(`${"=".repeat(78)}`, `${name}@${pkg.version} (${pkg.license})`, "", text, "");
}
writeFileSync(join(ROOT, "dist", "THIRD-PARTY-NOTICES.txt"), `${notices.join("\n")}\n`);

// Last, with everything else in place: the sample runs, and the functions they called marked for
// V8 to compile eagerly, so that Node's compile cache holds them (scripts/build/eager.mjs says why).
// `--no-eager` skips it, to measure what it is worth.
// The sample runs need a Node the CLI runs on (dist/start.cjs's own check). A build on an older
// one (these machines' Node 20, under `npm run bench`) runs them on the Node 24 the bench measures
// (bench-lib.mjs, pickNode): without it the bench measured a bundle with nothing marked, 1.50x
// instead of 1.35x for `sections`. With no such Node it still builds, without the marking.
const supported = createRequire(import.meta.url)(join(ROOT, "dist", "start.cjs")).supportedNode;
let sampleNode = supported(process.versions.node) ? process.execPath : undefined;
if (!sampleNode) {
  const { pickNode } = await import("./bench-lib.mjs");
  try {
    sampleNode = pickNode();
  } catch {
    console.warn(
      `build: Node ${process.version} cannot run the CLI, and there is no Node 24 in ~/.node24; its start-up functions are not marked eager`,
    );
  }
}
if (sampleNode && !process.argv.includes("--no-eager")) {
  const { sampleCoverage } = await import("./build/profile.mjs");
  const { commonFunctions, executedFunctions, markEager } = await import("./build/eager.mjs");
  const coverage = await sampleCoverage(ROOT, { node: sampleNode });
  // In the CLI, what at least two sample runs call: what only one command calls is then compiled
  // when that command runs, instead of being read from the cache by every command. Measured with
  // callgrind against marking what any one run calls: sections 137.4M -> 133.8M instructions,
  // --version 124.1 -> 120.6, stats 138.6 -> 137.9, and a scripted practice 279.5 -> 275.2 (its
  // functions run in the practice, review and pseudo-terminal samples). Three runs gained
  // read-only commands under 1M more and cost practice 4.5M.
  // In the prompts' file, what any run calls: only a session at a terminal loads it, and only one
  // sample run is one, so nothing else pays for its cache.
  // Each CLI bundle is marked from the sample runs that load it: the read bundle from the eleven
  // read-only ones, the whole CLI from the three sessions (a scripted practice and review, and the
  // first prompt in a pseudo-terminal). A session's start-up is then marked for the sessions alone,
  // and no read-only command reads a session's code from the cache.
  for (const [file, minRuns, spare] of [
    ["cli-read.cjs", 2, 2],
    ["cli.cjs", 2, 0],
    ["vendor/inquirer.cjs", 1, 0],
  ]) {
    const path = join(ROOT, "dist", file);
    const offsets = executedFunctions(coverage, file.split("/").pop(), minRuns);
    if (offsets.size === 0) throw new Error(`the sample runs called nothing in dist/${file}`);
    // Methods: what every sample run that loads the file calls, in the read bundle but two,
    // --version and --help, which define no command and so call none of commander's methods for
    // defining and parsing one. Measured with callgrind against every run: sections, show and daily
    // --reveal 1.6 million instructions fewer, a scripted practice and stats 1.5 fewer, --help 0.5
    // fewer, --version 0.5 more.
    const methods = commonFunctions(coverage, file.split("/").pop(), spare);
    const { code } = markEager(readFileSync(path, "utf8"), offsets, { methods });
    writeFileSync(path, code);
  }
}
