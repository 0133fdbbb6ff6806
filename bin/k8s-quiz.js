#!/usr/bin/env node
// The command's entry: dist/start.cjs enables Node's compile cache, then loads and runs the CLI.
require("../dist/start.cjs").start();
