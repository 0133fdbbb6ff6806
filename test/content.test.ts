import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { TAGS, validateMeta } from "../src/core/meta.js";
import { clash } from "../src/core/options.js";
import type { Question, Section } from "../src/core/types.js";
import { loadBundled, resolveMeta } from "../src/io/decks/bank.js";
import { DATA, SEED } from "./helpers/bin.js";

// The seed's one defect: its section emoji is UTF-8 read as Windows-1252. Everything else must match it exactly.
const seed = readFileSync(SEED, "utf8").replaceAll("ðŸ”¹", "🔹");

interface SeedQuestion {
  number: number;
  prompt: string;
  answer: string;
  section: string;
}

/** The seed's questions, read here with a few regexes and no help from the project's parser. */
function readSeed(text: string): SeedQuestion[] {
  const out: SeedQuestion[] = [];
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const heading = part.slice(0, part.indexOf("\n"));
    const chunks = part.split(/^### Question (\d+): (.*)$/m);
    for (let i = 1; i < chunks.length; i += 3) {
      const body = chunks[i + 2] ?? "";
      const marker = body.indexOf("**Answer:**\n");
      const after = body.slice(marker + "**Answer:**\n".length);
      const end = after.indexOf("\n---\n");
      out.push({
        number: Number(chunks[i]),
        prompt: chunks[i + 1] ?? "",
        answer: (end >= 0 ? after.slice(0, end) : after).replace(/\n+$/, ""),
        section: heading,
      });
      expect(body.slice(0, marker).trim(), `text before the answer of ${chunks[i]}`).toBe("");
    }
  }
  return out;
}

let questions: Question[];
let sections: Section[];
const seedQuestions = readSeed(seed);

beforeAll(async () => {
  const decks = await loadBundled(DATA);
  questions = decks.flatMap((d) => d.questions);
  sections = decks.flatMap((d) => d.sections);
});

describe("the bundled bank is the seed", () => {
  it("the seed itself has 50 questions, 501 to 550, in 5 sections", () => {
    expect(seedQuestions.map((q) => q.number)).toEqual(Array.from({ length: 50 }, (_, i) => 501 + i));
    expect(new Set(seedQuestions.map((q) => q.section)).size).toBe(5);
    expect(seed).not.toContain("ðŸ");
  });

  it("has the same question numbers as the seed", () => {
    expect(questions.map((q) => q.number)).toEqual(seedQuestions.map((q) => q.number));
  });

  it.each(seedQuestions.map((q) => [q.number, q] as const))(
    "question %i: same prompt and answer",
    (_n, s) => {
      const q = questions.find((x) => x.number === s.number);
      expect(q?.prompt).toBe(s.prompt);
      expect(q?.answer).toBe(s.answer);
    },
  );

  it("puts each question in the section it has in the seed", () => {
    for (const s of seedQuestions) {
      const q = questions.find((x) => x.number === s.number);
      const title = sections.find((x) => x.slug === q?.section)?.title;
      expect(
        s.section.replace(/^🔹\s*/, "").replace(/\s*\(Questions \d+-\d+\)$/, ""),
        `question ${s.number}`,
      ).toBe(title);
    }
  });

  it("is the seed byte for byte once the quiz blocks are taken out", () => {
    const files = readdirSync(DATA)
      .filter((f) => f.endsWith(".md"))
      .sort();
    expect(files).toHaveLength(5);
    const joined = files.map((f) => readFileSync(join(DATA, f), "utf8")).join("");
    const blocks = joined.match(/<!-- quiz\n[\s\S]*?\n-->\n/g) ?? [];
    // 50 question blocks and one section block per file.
    expect(blocks).toHaveLength(55);
    const stripped = joined
      .replace(/<!-- quiz\n[\s\S]*?\n-->\n\n/g, "")
      .replace(/\n<!-- quiz\n[\s\S]*?\n-->\n$/, "");
    expect(stripped).not.toContain("<!--");
    expect(stripped).toBe(seed);
  });
});

describe("the bundled bank is quiz-ready (issue 4)", () => {
  beforeAll(async () => {
    const warnings: string[] = [];
    await resolveMeta(questions, (l) => warnings.push(l));
    expect(warnings).toEqual([]);
  });

  const each = (fn: (q: Question) => void) => () => {
    expect(questions).toHaveLength(50);
    for (const q of questions) fn(q);
  };

  it(
    "every question has a correct option and exactly 3 distractors",
    each((q) => {
      expect(q.meta?.correct, q.id).toBeTruthy();
      expect(q.meta?.wrong, q.id).toHaveLength(3);
    }),
  );

  it(
    "every question has 2 to 5 key points, each with at least one word",
    each((q) => {
      const n = q.meta?.keyPoints?.length ?? 0;
      expect(n, q.id).toBeGreaterThanOrEqual(2);
      expect(n, q.id).toBeLessThanOrEqual(5);
      for (const k of q.meta?.keyPoints ?? [])
        expect(k.words.length, `${q.id} ${k.label}`).toBeGreaterThan(0);
    }),
  );

  it(
    "every question has 1 to 3 tags, all from the shared vocabulary",
    each((q) => {
      const tags = q.meta?.tags ?? [];
      expect(tags.length, q.id).toBeGreaterThanOrEqual(1);
      expect(tags.length, q.id).toBeLessThanOrEqual(3);
      for (const t of tags) expect(TAGS as readonly string[], `${q.id} tag ${t}`).toContain(t);
      expect(new Set(tags).size, q.id).toBe(tags.length);
    }),
  );

  it(
    "every question has a difficulty of 1, 2 or 3",
    each((q) => {
      expect([1, 2, 3], q.id).toContain(q.meta?.difficulty);
    }),
  );

  it(
    "every key point occurs in its own answer by one of its words",
    each((q) => {
      const answer = q.answer.toLowerCase();
      for (const k of q.meta?.keyPoints ?? []) {
        expect(
          k.words.some((w) => answer.includes(w.toLowerCase())),
          `${q.id} key point "${k.label}" [${k.words.join(", ")}]`,
        ).toBe(true);
      }
    }),
  );

  it(
    "no distractor's text occurs in its own answer",
    each((q) => {
      const answer = q.answer.toLowerCase();
      for (const w of q.meta?.wrong ?? [])
        expect(answer.includes(w.toLowerCase()), `${q.id}: ${w}`).toBe(false);
    }),
  );

  it(
    "no option is equal to or inside another",
    each((q) => {
      const options = [q.meta?.correct ?? "", ...(q.meta?.wrong ?? [])];
      for (let i = 0; i < options.length; i++)
        for (let j = i + 1; j < options.length; j++)
          expect(
            clash(options[i] ?? "", options[j] ?? ""),
            `${q.id}: "${options[i]}" / "${options[j]}"`,
          ).toBe(false);
    }),
  );

  it(
    "no option is an 'all of the above' or 'none of the above'",
    each((q) => {
      for (const o of [q.meta?.correct ?? "", ...(q.meta?.wrong ?? [])])
        expect(o, q.id).not.toMatch(/\b(all|none|both) of (the )?(above|these)\b/i);
    }),
  );

  it(
    "every quiz block validates with no problems",
    each((q) => {
      expect(q.rawMeta, q.id).toBeDefined();
      const { problems } = validateMeta(parseYaml(q.rawMeta?.text ?? ""));
      expect(problems, q.id).toEqual([]);
    }),
  );
});
