// chalk, required on the first coloured output rather than imported at load (render.ts, stylesFor).
// Loading chalk builds every style of every colour level, about 4 million instructions
// (callgrind, `sections`): output into a pipe or a file, or under NO_COLOR, never uses any of it.
// A synchronous require, because styles are asked for in synchronous code. The build replaces this
// file with a plain require("chalk") that esbuild bundles (scripts/build.mjs, lazyChalk); from source
// (the tests), Node's own require loads the ES module.
import { createRequire } from "node:module";

export const requireChalk = (): typeof import("chalk") => createRequire(import.meta.url)("chalk");
