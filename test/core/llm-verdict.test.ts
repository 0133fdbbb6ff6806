import { describe, expect, it } from "vitest";
import { suggestGrade, type Verdict } from "../../src/core/grading.js";
import { coverageFromVerdicts, llmRequest, parseLlmReply } from "../../src/core/llm-verdict.js";
import type { KeyPoint, Question } from "../../src/core/types.js";
import { completion } from "../helpers/chat-server.js";

// The model grader's pure half: the request it sends, and the checks a reply must pass.

const POINTS: KeyPoint[] = [
  { label: "Flannel is an overlay (VXLAN)", words: ["vxlan"] },
  { label: "Flannel has no network policies", words: ["no network policies"] },
  { label: "Calico routes with BGP", words: ["bgp"] },
];
const Q = { id: "601", prompt: "Flannel or Calico?", answer: "Flannel: **VXLAN** overlay ..." } as Question;

const reply = (verdicts: unknown[], grade: unknown) => completion({ verdicts, grade });
const v = (point: number, verdict: string, reason = "why") => ({ point, verdict, reason });

describe("llmRequest", () => {
  it("carries the question, the reference answer, the numbered key points and the typed answer", () => {
    const req = llmRequest(Q, POINTS, "flannel does vxlan", "llama3.1");
    expect(req.model).toBe("llama3.1");
    expect(req.temperature).toBe(0);
    expect(req.messages[0]?.role).toBe("system");
    expect(req.messages[0]?.content).toMatch(/hit.*missed.*contradicted/s);
    const user = JSON.parse(req.messages[1]?.content ?? "");
    expect(user).toEqual({
      question: "Flannel or Calico?",
      referenceAnswer: Q.answer,
      keyPoints: POINTS.map((k, i) => ({ point: i + 1, text: k.label })),
      answer: "flannel does vxlan",
    });
  });
});

describe("parseLlmReply", () => {
  it("maps one verdict per point to a coverage, its reasons and the agreed grade", () => {
    const r = parseLlmReply(
      reply([v(1, "hit", "says VXLAN"), v(2, "contradicted"), v(3, "hit")], "hard"),
      POINTS,
    );
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    // Two of three would be Good; a contradiction costs a hit and rules Good out.
    expect(r.grade).toBe("hard");
    expect(r.coverage.hit.map((k) => k.label)).toEqual([POINTS[0]?.label, POINTS[2]?.label]);
    expect(r.coverage.contradicted?.map((k) => k.label)).toEqual([POINTS[1]?.label]);
    expect(r.coverage.missed).toEqual([]);
    expect(r.coverage.by).toBe("llm");
    expect(r.coverage.reasons?.[POINTS[0]?.label ?? ""]).toBe("says VXLAN");
  });

  it("peels one code fence, which small models add when told not to", () => {
    const fenced = completion(
      `\`\`\`json\n${JSON.stringify({ verdicts: [v(1, "hit"), v(2, "hit"), v(3, "hit")], grade: "good" })}\n\`\`\``,
    );
    expect(parseLlmReply(fenced, POINTS)).toMatchObject({ ok: true, grade: "good" });
  });

  it.each([
    ["no choices", { choices: [] }, /no choices/],
    ["no content", { choices: [{ message: { content: "" } }] }, /no message content/],
    ["prose", completion("The answer looks good to me."), /not JSON/],
    ["no verdicts", completion({ grade: "good" }), /no verdicts/],
    ["a point left out", reply([v(1, "hit"), v(2, "hit")], "good"), /judges 2 of 3/],
    ["a point that does not exist", reply([v(1, "hit"), v(2, "hit"), v(4, "hit")], "good"), /key point 4/],
    ["an unknown verdict", reply([v(1, "yes"), v(2, "hit"), v(3, "hit")], "good"), /no valid verdict/],
    [
      "a reason that is not text",
      reply([{ point: 1, verdict: "hit", reason: 3 }, v(2, "hit"), v(3, "hit")], "good"),
      /reason/,
    ],
    [
      "two verdicts for one point",
      reply([v(1, "hit"), v(1, "missed"), v(2, "hit"), v(3, "hit")], "good"),
      /two verdicts/,
    ],
    ["no grade", reply([v(1, "hit"), v(2, "hit"), v(3, "hit")], undefined), /no valid grade/],
    // Contradictory: every point missed, and yet Good.
    [
      "a grade its verdicts do not give",
      reply([v(1, "missed"), v(2, "missed"), v(3, "missed")], "good"),
      /disagrees with its verdicts \(again\)/,
    ],
    [
      "full marks over a contradiction",
      reply([v(1, "hit"), v(2, "hit"), v(3, "contradicted")], "good"),
      /disagrees/,
    ],
  ])("refuses a reply with %s", (_name, body, why) => {
    const r = parseLlmReply(body, POINTS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.why).toMatch(why);
  });
});

describe("one grade mapping for both graders", () => {
  const grade = (verdicts: Verdict[]) =>
    suggestGrade(
      coverageFromVerdicts(POINTS.slice(0, verdicts.length), (i) => ({ verdict: verdicts[i] as Verdict })),
    );
  it.each([
    [["hit", "hit", "hit"], "good"],
    [["hit", "hit", "missed"], "good"],
    [["hit", "missed", "missed"], "hard"],
    [["hit", "hit", "contradicted"], "hard"],
    [["hit", "contradicted"], "again"],
    [["missed", "missed", "missed"], "again"],
    [["contradicted", "contradicted", "contradicted"], "again"],
  ] as [Verdict[], string][])("%j is %s", (verdicts, expected) => {
    expect(grade(verdicts)).toBe(expected);
  });
});

describe("the rule the model is told", () => {
  // The system message spells the grade rule out for the question's number of key points. Read back
  // from the message and applied to every verdict mix, it must give what suggestGrade gives, or
  // every honest model reply would be refused as disagreeing with itself.
  it("is the one suggestGrade applies, for 1 to 6 key points and every verdict mix", () => {
    const kinds: Verdict[] = ["hit", "missed", "contradicted"];
    for (let n = 1; n <= 6; n++) {
      const points = Array.from({ length: n }, (_, i) => ({ label: `p${i}`, words: [] }));
      const system = llmRequest(Q, points, "", "m").messages[0]?.content ?? "";
      const good = Number(/"good" when at least (\d+) are hit and none is contradicted/.exec(system)?.[1]);
      const hard = Number(/number hit minus the number contradicted is at least (\d+)/.exec(system)?.[1]);
      expect(good, system).toBeGreaterThan(0);
      expect(hard, system).toBeGreaterThan(0);
      for (let code = 0; code < 3 ** n; code++) {
        const verdicts = points.map((_, i) => kinds[Math.floor(code / 3 ** i) % 3] as Verdict);
        const h = verdicts.filter((x) => x === "hit").length;
        const c = verdicts.filter((x) => x === "contradicted").length;
        const told = !c && h >= good ? "good" : h - c >= hard ? "hard" : "again";
        const cov = coverageFromVerdicts(points, (i) => ({ verdict: verdicts[i] as Verdict }));
        expect(suggestGrade(cov), `${n}: ${verdicts.join(",")}`).toBe(told);
      }
    }
  });
});
