// Bundled on its own (dist/vendor/highlight.cjs): what marked-terminal needs only for a code block
// (cli-highlight, with highlight.js and parse5) or an :emoji: shortcode (node-emoji). In
// marked-terminal's file they made it 1.5 MB, read and hashed by Node's compile cache each time
// anything was shown in colour; scripts/build.mjs points marked-terminal's calls here.
export { highlight } from "cli-highlight";
export { get } from "node-emoji";
