// Windows-1252 bytes 0x80-0x9F decode to these code points; all other bytes map to U+00xx.
const CP1252: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

const toByte = (ch: string): number | undefined => {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x100 && !(cp >= 0x80 && cp <= 0x9f)) return cp;
  // Bytes Windows-1252 leaves undefined decode (per WHATWG) to the C1 code point of the same value.
  if (cp === 0x81 || cp === 0x8d || cp === 0x8f || cp === 0x90 || cp === 0x9d) return cp;
  return CP1252[cp];
};

// A run that starts with a UTF-8 lead byte's Latin-1 look-alike (Â-ô) followed by
// characters that all map back to single bytes: the shape UTF-8 takes when decoded as Windows-1252.
const SUSPECT =
  /[\u00c2-\u00f4][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]+/g;

/** Repairs UTF-8 text that was decoded as Windows-1252 ("ðŸ”¹" back to "🔹"); leaves real text alone. */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  return text.replace(SUSPECT, (run) => {
    const bytes: number[] = [];
    for (const ch of run) {
      const b = toByte(ch);
      if (b === undefined) return run;
      bytes.push(b);
    }
    try {
      return decoder.decode(new Uint8Array(bytes));
    } catch {
      return run;
    }
  });
}
