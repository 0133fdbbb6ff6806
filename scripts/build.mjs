// Bundles src/ into dist/ with esbuild. Code splitting keeps heavy modules
// (prompts, renderer, config writer) in chunks that load only when a command needs them.

import { rmSync } from "node:fs";
import { build } from "esbuild";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: "src/cli.ts", "bank-cache": "src/io/bank-cache.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Dependencies are bundled too: one resolved file per chunk starts faster than node_modules lookups.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  sourcemap: false,
  logLevel: "warning",
  chunkNames: "chunks/[name]-[hash]",
});

// The bundled decks, parsed once here so a run reads JSON instead of Markdown and YAML.
const { writeBankCache } = await import("../dist/bank-cache.js");
await writeBankCache(
  new URL("../data", import.meta.url).pathname,
  new URL("../dist/bank.json", import.meta.url).pathname,
);
