import { isUtf8 } from "node:buffer";
import { DeckError, UserError } from "../../errors.js";
import { decodeText, readRegularFile, utf16Mark, whyNot } from "../files.js";

export const MAX_DECK_BYTES = 20 * 1024 * 1024;

/**
 * Reads a deck file as text, refusing what no deck can be: too large, or not UTF-8. Every read of
 * a deck goes through here (its questions, and later its answers), so each gets the same checks.
 */
export function readDeckText(file: string): string {
  let buf: Buffer;
  try {
    buf = readRegularFile(file, MAX_DECK_BYTES);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EFBIG")
      throw new DeckError(file, 1, "deck is larger than 20 MB");
    throw new UserError(`${file}: cannot read deck: ${whyNot(e)}`);
  }
  const text = decodeText(buf);
  if (text === undefined) {
    // A UTF-16 byte-order mark says what the file meant to be: its bytes just do not decode as that.
    if (utf16Mark(buf))
      throw new DeckError(file, 1, "deck starts with a UTF-16 byte-order mark but is not valid UTF-16 text");
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        if (!isUtf8(buf.subarray(start, i))) break;
        line++;
        start = i + 1;
      }
    }
    throw new DeckError(file, line, "deck is not valid UTF-8 text");
  }
  return text;
}
