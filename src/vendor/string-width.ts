// What the bundled prompts measure text with (dist/vendor/inquirer.cjs): fast-string-width, with a
// quick path in front of it. scripts/build.mjs puts this module where inquirer's line wrapper
// (fast-wrap-ansi) imports fast-string-width.
//
// Written here because the library has no such path: for any character beyond Latin-1 (the
// prompt's own pointer, a session's check mark) it tries its emoji, combining-mark and East Asian
// script patterns, and building their Unicode property sets cost every session's first question
// about 10 million instructions. A text of printable Latin-1, escape codes for colour and the
// one-column symbols below has, by the library's own rules, one column per character and none per
// escape code; anything else goes to the library. test/vendor/string-width.test.ts checks each
// character of the quick path against the library.
import fastStringWidth from "fast-string-width";

/** Printable Latin-1, punctuation, arrows, operators, box drawing, shapes and ✓ ✔ ✕ ✖ ✗ ✘ ❯. */
const ONE =
  "\\x20-\\x7e\\xa0-\\xff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u22ff\\u2500-\\u25fc\\u2713-\\u2718\\u276f";
const QUICK = new RegExp(`^(?:[${ONE}]+|\\x1b\\[[0-9;]*m)*$`);
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape code is what is removed
const SGR = /\x1b\[[0-9;]*m/g;

export default function stringWidth(text: string, options?: Parameters<typeof fastStringWidth>[1]): number {
  if (options === undefined && QUICK.test(text))
    return text.includes("\x1b") ? text.replace(SGR, "").length : text.length;
  return fastStringWidth(text, options);
}
