import { describe, expect, it } from "vitest";
import { repairMojibake } from "../../src/core/mojibake.js";

// Each pair is a text's UTF-8 bytes decoded as Windows-1252 (as browsers and the WHATWG Encoding
// standard do it, where the five bytes Windows-1252 leaves undefined become U+0081, U+008D, U+008F,
// U+0090 and U+009D), and the text itself.
const broken: [string, string][] = [
  ["ðŸ”¹ Kubernetes Internals", "🔹 Kubernetes Internals"],
  [
    "## ðŸ”¹ CRDs & Operator Pattern (Questions 511-520)",
    "## 🔹 CRDs & Operator Pattern (Questions 511-520)",
  ],
  ["cafÃ©", "café"],
  ["naÃ¯ve rÃ©sumÃ©", "naïve résumé"],
  ["GrÃ¶ÃŸe", "Größe"],
  ["itâ€™s", "it’s"],
  ["1â€“2 replicas", "1–2 replicas"],
  ["Pod â†’ Service", "Pod → Service"],
  ["âœ… done", "✅ done"],
  ["æ—¥æœ¬èªž", "日本語"],
  ["Ã©tÃ©", "été"],
  ["Â£5", "£5"],
  // Undefined Windows-1252 bytes: 0x9D in the closing quote, 0x90 in the whale.
  ["â€œquotedâ€\u009d", "“quoted”"],
  ["ðŸ\u0090³ Docker", "🐳 Docker"],
];

describe("repairMojibake", () => {
  it.each(broken)("%j -> %j", (input, expected) => {
    expect(repairMojibake(input)).toBe(expected);
  });

  const fine = [
    "",
    "plain ASCII text (Questions 1-2)",
    "🔹 Kubernetes Internals",
    "café",
    "déjà vu",
    "Ça va, naïve résumé",
    "Größe über alles",
    "“smart quotes” and – dashes",
    "日本語 🐳",
    "5 µm at 20 °C ± 1",
    "«Übersicht»",
  ];
  it.each(fine)("leaves real text alone: %j", (text) => {
    expect(repairMojibake(text)).toBe(text);
  });

  it("repairs every occurrence and leaves the text around them", () => {
    expect(repairMojibake("ðŸ”¹ one, ðŸ”¹ two, and a real café")).toBe("🔹 one, 🔹 two, and a real café");
  });

  it("is idempotent on repaired text", () => {
    for (const [input] of broken) {
      const once = repairMojibake(input);
      expect(repairMojibake(once)).toBe(once);
    }
  });
});
