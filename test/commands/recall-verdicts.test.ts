import { describe, expect, it } from "vitest";
import { okPlain, outputLines, runBin } from "../helpers/bin.js";

// A scripted recall answer is graded by the same grader as an interactive one: what it says is shown
// as hit, missed or contradicted, and a swapped answer fails.

const ARGS = [
  "practice",
  "-s",
  "mesh",
  "-n",
  "1",
  "--order",
  "deck",
  "--seed",
  "3",
  "--dry-run",
  "--mode",
  "recall",
];
const SWAPPED =
  "The Ingress is the load balancer that carries the traffic, and the controller is the loop in kube-controller-manager that creates it.\n";
const RIGHT =
  "The Ingress is just the routing rule, a YAML object. The ingress controller, like nginx, reads those rules, updates its config and handles the traffic.\n";

describe("recall answers: hit, missed, contradicted", () => {
  it("shows the points a swapped answer contradicts, and grades it Again", () => {
    const out = outputLines(okPlain(runBin(ARGS, { input: SWAPPED })));
    expect(out).toContain("> key points 0/4; grade again");
    expect(out.find((l) => l.startsWith("  contradicted: "))).toMatch(
      /^ {2}contradicted: Ingress is a rule object; /,
    );
  });

  it("gives the right answer, in other words, Good", () => {
    const out = outputLines(okPlain(runBin(ARGS, { input: RIGHT })));
    expect(out).toContain("> key points 4/4; grade good");
    expect(out.some((l) => l.startsWith("  contradicted: "))).toBe(false);
  });

  it("--json lists the contradicted points apart", () => {
    const r = runBin([...ARGS, "--json"], { input: SWAPPED });
    expect(r.code).toBe(0);
    const q = (
      JSON.parse(r.stdout) as { questions: { grade: string; keyPoints: Record<string, string[]> }[] }
    ).questions[0];
    expect(q?.grade).toBe("again");
    expect(q?.keyPoints.hit).toEqual([]);
    expect(q?.keyPoints.contradicted).toEqual([
      "Ingress is a rule object",
      "Controller does the work",
      "Controller handles the traffic",
    ]);
    expect(q?.keyPoints.missed).toEqual(["Controller reads rules and updates config"]);
  });
});
