import type { ChalkInstance } from "chalk";
import { joinSoftBreaks, lineKinds } from "../../core/markdown.js";
import { once } from "../../core/once.js";
import { linkText, MARKDOWN_LINK, markdownTooDeep, safeText, tableTooWide } from "../../core/text.js";
import { loadMarked, loadMarkedTerminal, loadWrapAnsi } from "../lazy.js";
import { requireChalk } from "./chalk.js";
import { MARKED_GUARDS } from "./marked-guards.js";
import type { Output } from "./output.js";
import { displayWidth, wrapText } from "./wrap.js";

/** A style: chalk's, or PLAIN's, which leaves the text as it is. */
type Style = (...text: unknown[]) => string;

/** The styles the CLI uses: chalk's, when colouring, else PLAIN's. */
export type Styles = { [K in "bold" | "dim" | "red" | "green" | "yellow" | "cyan"]: Style } & {
  hex(color: string): Style;
};

// A link or an image in plain output: its text, then its target (linkText). Made on first use, as
// the literal it replaces was: most commands import this file and never render an answer.
const LINK_OR_IMAGE = once(() => new RegExp(`!?${MARKDOWN_LINK}`, "g"));

// As chalk makes its text: one value as a string, several joined with a space.
const unstyled: Style = (...text) => (text.length === 1 ? String(text[0]) : text.join(" "));

/** No styles at all: what chalk at level 0 does, without loading chalk. */
export const PLAIN: Styles = {
  bold: unstyled,
  dim: unstyled,
  red: unstyled,
  green: unstyled,
  yellow: unstyled,
  cyan: unstyled,
  hex: () => unstyled,
};

let colour: ChalkInstance | undefined;

/** A chalk that colours only when the output may: no escape codes under NO_COLOR or into a pipe. */
export function stylesFor(out: Pick<Output, "color">): Styles {
  if (!out.color) return PLAIN;
  colour ??= new (requireChalk().Chalk)({ level: 2 });
  return colour;
}

type Renderer = (markdown: string, width: number) => string;
let colorRenderer: Promise<Renderer> | undefined;

/** marked-terminal pulls in a syntax highlighter: load it only to colour, and only once. */
function loadColorRenderer(): Promise<Renderer> {
  colorRenderer ??= Promise.all([loadMarked(), loadMarkedTerminal()]).then(
    ([{ Marked }, { markedTerminal }]) => {
      const cache = new Map<number, InstanceType<typeof Marked>>();
      return (markdown: string, width: number) => {
        let m = cache.get(width);
        if (!m) {
          // No reflow: marked-terminal's puts a wrapped list item's second line at column 0.
          // renderMarkdown wraps instead, each line under its own indent and bullet.
          // biome-ignore lint/suspicious/noExplicitAny: marked-terminal's extension type lags marked's
          m = new Marked(markedTerminal({ width, reflowText: false, tab: 2 }) as any, {
            // Block rules that cannot match are not tried: their patterns cost a first answer ~15 ms.
            tokenizer: MARKED_GUARDS,
            // marked-terminal leaves inline Markdown inside list items raw (its issues #304, #371):
            // render a list item's inline tokens ourselves and let it handle everything else.
            renderer: {
              text(token) {
                return "tokens" in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
              },
              // marked-terminal writes a link as an OSC 8 hyperlink when the terminal seems to take
              // them: its text can then hide its target, and the target can be javascript:.
              link(token) {
                return linkText(String(this.parser.parseInline(token.tokens)), token.href);
              },
              image(token) {
                return linkText(token.text || "image", token.href);
              },
            },
          });
          cache.set(width, m);
        }
        return (m.parse(markdown) as string).replace(/\n+$/, "");
      };
    },
  );
  return colorRenderer;
}

/** Starts loading the colour renderer while the user reads a prompt, so showing an answer doesn't stall. */
export function preloadRenderer(out: Pick<Output, "color">): void {
  // Loading is synchronous once it starts (about 140 ms): wait until the prompt on screen has been
  // drawn. Inquirer draws a terminal prompt's first frame one setImmediate tick after it is created,
  // and immediates run in order, so a timer set from this one runs after that frame; a bare timer
  // could run first and hold the question back while the renderer loads.
  if (out.color) setImmediate(() => setTimeout(() => loadColorRenderer().catch(() => {}), 0));
}

/** Markdown as plain text: emphasis marks dropped, bullets kept, code indented, wrapped to width. */
export function renderPlain(markdown: string, width: number): string {
  const lines: string[] = [];
  const source = markdown.split("\n");
  const kinds = lineKinds(source);
  for (const [i, raw] of source.entries()) {
    const kind = kinds[i];
    if (kind === "open" || kind === "close") {
      if (kind === "close") lines.push("");
      continue;
    }
    if (kind === "code") {
      lines.push(`    ${raw}`);
      continue;
    }
    lines.push(
      raw
        .replace(/^(\s*)[-*+]\s+/, "$1- ")
        .replace(/^#{1,6}\s+/, "")
        .replace(/\*\*([^*]+)\*\*/g, "$1")
        .replace(/__([^_]+)__/g, "$1")
        .replace(/(^|[^*\w])\*([^*\s][^*]*?)\*(?![*\w])/g, "$1$2")
        .replace(/`([^`]+)`/g, "$1")
        .replace(LINK_OR_IMAGE(), (_, text: string, href: string) => linkText(text, href)),
    );
  }
  return wrapText(lines.join("\n"), width);
}

/** Renders deck Markdown for the terminal, with control characters from the deck stripped first. */
export async function renderMarkdown(
  markdown: string,
  out: Pick<Output, "color" | "width">,
): Promise<string> {
  const safe = joinSoftBreaks(safeText(markdown));
  if (!out.color || markdownTooDeep(safe) || tableTooWide(safe, out.width))
    return renderPlain(safe, out.width);
  const [render, wrapAnsi] = await Promise.all([loadColorRenderer(), loadWrapAnsi()]);
  // Styled text needs an ANSI-aware wrap. A line's continuation goes under its text: the indent
  // and bullet ("  * ") of a list item are plain text at its start, but a quote's indent comes
  // after its style codes, which go on with the text.
  return render(safe, out.width)
    .split("\n")
    .map((line) => {
      if (displayWidth(line) <= out.width) return line;
      const [, style = "", found = ""] =
        // biome-ignore lint/suspicious/noControlCharactersInRegex: style codes are what it skips
        /^((?:\u001b\[[\d;]*m)*)( *(?:[-*+\u2022] |\d+\. )?)/.exec(line) ?? [];
      const lead = found.length < out.width / 3 ? found : "";
      const text = style + line.slice(style.length + lead.length);
      const rows = wrapAnsi(text, out.width - lead.length, { hard: true }).split("\n");
      const hang = " ".repeat(lead.length);
      return rows.map((r, i) => (i ? hang : lead) + r).join("\n");
    })
    .join("\n");
}
