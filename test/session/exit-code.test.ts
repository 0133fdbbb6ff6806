import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/errors.js";
import { exitCodeFor, failUnderLine, failUnderPercent } from "../../src/session/exit-code.js";

// The one --fail-under rule of every session command, exam included: the score over every question
// the session set out to ask, so an unanswered question counts as missed.

describe("exitCodeFor", () => {
  it.each([
    // asked, answered, score, fail-under, exit code
    [5, 5, 4, 80, EXIT.ok],
    [5, 5, 3, 80, EXIT.belowThreshold],
    // Two right of two answered, of five planned: 40%, not 100%.
    [5, 2, 2, 80, EXIT.belowThreshold],
    [5, 2, 2, 40, EXIT.ok],
    // Hard counts a half: 2.5 of 3 is 83.3%.
    [3, 3, 2.5, 83.3, EXIT.ok],
    [3, 3, 2.5, 83.4, EXIT.belowThreshold],
    // Nothing planned is 0%: passing only a threshold of 0.
    [0, 0, 0, 0, EXIT.ok],
    [0, 0, 0, 1, EXIT.belowThreshold],
    [5, 0, 0, 100, EXIT.belowThreshold],
    [5, 5, 5, 100, EXIT.ok],
  ])("asked %i, answered %i, score %d under %d: exit %i", (asked, answered, score, failUnder, code) => {
    expect(exitCodeFor({ asked, answered, score }, failUnder)).toBe(code);
  });

  it("is 0 without --fail-under, however poor the score", () => {
    expect(exitCodeFor({ asked: 10, answered: 0, score: 0 }, undefined)).toBe(EXIT.ok);
    expect(failUnderLine({ asked: 10, answered: 0, score: 0 }, undefined)).toBeUndefined();
  });

  it("rounds the score as every report does, to a tenth", () => {
    expect(failUnderPercent({ asked: 3, answered: 3, score: 2 })).toBe(66.7);
    expect(failUnderPercent({ asked: 0, answered: 0, score: 0 })).toBe(0);
  });

  it("says the score and the threshold in one line, and how many unanswered questions counted", () => {
    expect(failUnderLine({ asked: 5, answered: 5, score: 3 }, 80)).toBe(
      "k8s-quiz: score 60% is below --fail-under 80%",
    );
    expect(failUnderLine({ asked: 5, answered: 2, score: 2 }, 80)).toBe(
      "k8s-quiz: score 40% is below --fail-under 80% (3 unanswered count as missed)",
    );
    expect(failUnderLine({ asked: 5, answered: 4, score: 4 }, 80)).toBeUndefined();
  });
});
