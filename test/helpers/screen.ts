import xterm from "@xterm/headless";
import type { PtySession } from "./pty.js";

const { Terminal } = xterm;

/**
 * What a terminal shows for a pseudo-terminal session: its output fed to a headless xterm, so a test
 * asserts the screen a person sees (after clears, redraws and resizes), not the stream of writes.
 * Attach right after spawning, before the first output.
 */
export function attachScreen(s: PtySession, cols: number, rows: number) {
  const term = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  let written: Promise<void> = Promise.resolve();
  s.pty.onData((d) => {
    written = new Promise((done) => term.write(d, done));
  });
  const flush = async () => {
    await written;
    await new Promise<void>((done) => term.write("", done));
  };
  return {
    /** The rows on screen now, trailing blanks trimmed. */
    async lines(): Promise<string[]> {
      await flush();
      const b = term.buffer.active;
      return Array.from(
        { length: term.rows },
        (_, i) => b.getLine(b.viewportY + i)?.translateToString(true) ?? "",
      );
    },
    /** Resizes the terminal and the pseudo-terminal together, as a window resize does. */
    async resize(c: number, r: number): Promise<void> {
      await flush();
      term.resize(c, r);
      s.pty.resize(c, r);
    },
  };
}
