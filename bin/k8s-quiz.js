#!/usr/bin/env node
// dist/boot.cjs loads the CLI bundle with the V8 code cache the build made for it (src/boot.ts).
require("../dist/boot.cjs").start(require("node:path").join(__dirname, "..", "dist"));
