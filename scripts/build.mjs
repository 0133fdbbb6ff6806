// Bundles src/ into dist/ with esbuild.
//
// dist/cli.cjs holds the CLI and the light libraries (commander, chalk, ts-fsrs): one CommonJS file
// loads measurably faster than a tree of ES module chunks on Node 20. Heavy libraries are bundled one
// per file under dist/vendor/ and required only on the paths that need them: the prompts, the colour
// renderer, the YAML parser, the config writer and its lock.

import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { build } from "esbuild";

// Written into the first line of every bundled file; src/boot.ts only offers V8 a code cache made
// from the same build.
const BUILD_ID = randomBytes(6).toString("hex");

const VENDOR = {
  "@inquirer/prompts": "inquirer",
  "@inquirer/core": "inquirer",
  marked: "marked",
  "marked-terminal": "marked-terminal",
  yaml: "yaml",
  conf: "conf",
  "proper-lockfile": "proper-lockfile",
  "wrap-ansi": "wrap-ansi",
};

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // `node scripts/build.mjs --no-minify` keeps names readable in a CPU profile.
  minify: !process.argv.includes("--no-minify"),
  logLevel: "warning",
  outExtension: { ".js": ".cjs" },
  // import() of a vendor file becomes require(): a real import() would start Node's ES module loader
  // and run its CommonJS export scanner over the whole file, ~20 ms for the config writer alone.
  supported: { "dynamic-import": false },
  // The sources are ES modules; in the CommonJS bundle import.meta.url is this file's URL.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: {
    js: `// k8s-quiz build ${BUILD_ID}\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
  },
};

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });

// Each heavy library in a file of its own.
const vendorEntries = {
  inquirer: "src/vendor/inquirer.ts",
  marked: "marked",
  "marked-terminal": "marked-terminal",
  yaml: "yaml",
  conf: "conf",
  "proper-lockfile": "proper-lockfile",
  "wrap-ansi": "wrap-ansi",
};
await build({ ...common, entryPoints: vendorEntries, outdir: "dist/vendor" });

// The CLI, with the heavy libraries left as requires of those files.
const toVendor = {
  name: "vendor",
  setup(b) {
    b.onResolve(
      { filter: /^(@inquirer\/(prompts|core)|marked|marked-terminal|yaml|conf|proper-lockfile|wrap-ansi)$/ },
      (args) => ({
        path: `./vendor/${VENDOR[args.path]}.cjs`,
        external: true,
      }),
    );
    b.onResolve({ filter: /\/vendor\/inquirer\.js$/ }, () => ({
      path: "./vendor/inquirer.cjs",
      external: true,
    }));
  },
};
// commander requires child_process at load time for executable subcommands, which k8s-quiz has
// none of; with it come net, dgram and the stream layer, ~1.5 ms of every run. Load it on use.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = await readFile(args.path, "utf8");
      if (!source.includes(eager)) throw new Error(`commander changed: no "${eager}" in ${args.path}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: "js" };
    });
  },
};

await build({
  ...common,
  entryPoints: { cli: "src/cli.ts", "bank-cache": "src/io/bank-cache.ts", boot: "src/boot.ts" },
  outdir: "dist",
  plugins: [toVendor, lazyChildProcess],
});

// The bundled decks, parsed once here so a run reads JSON instead of Markdown and YAML.
const require = createRequire(import.meta.url);
const { writeBankCache } = require("../dist/bank-cache.cjs");
await writeBankCache(
  new URL("../data", import.meta.url).pathname,
  new URL("../dist/bank.json", import.meta.url).pathname,
);

// V8 code caches for the CLI and the vendor files (see scripts/code-cache.mjs). Made by a child
// process so this one's compiled code doesn't end up in them.
const made = spawnSync(process.execPath, [new URL("./code-cache.mjs", import.meta.url).pathname], {
  stdio: ["ignore", "ignore", "inherit"],
});
if (made.status !== 0) {
  console.error("build: making the code caches failed (see above)");
  process.exit(1);
}
