// Cheap first tests in front of four of marked's block rules. Written here because marked has no
// such option: its lexer tries each block rule at every block, and a rule's regular expression is
// compiled by V8 the first time it runs, and again, to machine code, the second time. The
// blockquote, HTML, table and setext-heading patterns are 700 to 1,300 characters each, so showing
// a first answer of four plain lines in colour spent ~15 ms compiling patterns that could not match
// it (measured: marked 18, a cold process, each pattern's first two runs timed alone).
//
// Each guard answers `undefined` ("no token here") only where its rule's own pattern cannot match,
// by a necessary condition of that pattern, and `false` ("ask marked's own rule") everywhere else:
// the tokens are the same as marked's (test/io/marked-guards.test.ts compares them). The paragraph
// rule is left alone: the lexer merges two paragraphs in a row only while that rule is marked's own.

/** The lines of `src` before its first blank line, and that line break: where a setext heading can be. */
function firstBlock(src: string): string {
  const blank = /\n[ \t]*(?:\n|$)/.exec(src);
  return blank ? src.slice(0, blank.index + 1) : src;
}

type Guard = (src: string) => false | undefined;

export const MARKED_GUARDS: Record<"blockquote" | "html" | "table" | "lheading", Guard> = {
  // Its pattern starts "^ {0,3}>".
  blockquote: (src) => (/^ {0,3}>/.test(src) ? false : undefined),
  // Every alternative of its pattern starts "^ {0,3}<".
  html: (src) => (/^ {0,3}</.test(src) ? false : undefined),
  // A header line, then a delimiter line, which marked's rule then requires to hold "|" or ":".
  table: (src) => {
    const first = src.indexOf("\n");
    if (first < 0) return undefined;
    const end = src.indexOf("\n", first + 1);
    const delimiter = src.slice(first + 1, end < 0 ? undefined : end);
    return /[:|]/.test(delimiter) ? false : undefined;
  },
  // Text lines over a line of "=" or "-": its pattern ends "\n {0,3}(=+|-+)[ \t]*(?:\n+|$)", and the
  // text before that line cannot cross a blank line.
  lheading: (src) => (/\n {0,3}(?:=+|-+)[ \t]*(?:\n|$)/.test(firstBlock(src)) ? false : undefined),
};
