import { describe, expect, it } from "vitest";
import { MAX_NAME, SHORT_NAME, shortDeckName, uniqueName } from "../../src/core/deck-name.js";

describe("shortDeckName", () => {
  it.each([
    // Short names stay as they are.
    ["my-docker", "", "my-docker"],
    ["windows-notes", "", "windows-notes"],
    ["cka_notes.v2", "", "cka-notes-v2"],
    // Long ones lose their genre words, years and counts.
    ["Top 100 Kubernetes Interview Questions and Answers (2024)", "", "kubernetes"],
    ["docker-interview-questions-and-answers-for-experienced", "", "docker"],
    ["aws-solutions-architect-associate-interview-questions", "", "aws-solutions"],
    ["linux_system_administration_interview_questions", "", "linux-system"],
    // A README or index is named by its folder.
    ["README", "terraform", "terraform"],
    ["index", "Go Lang Questions", "go-lang"],
    ["🔹", "", "deck"],
  ])("%j in %j -> %j", (base, folder, want) => {
    const name = shortDeckName(base, folder);
    expect(name).toBe(want);
    expect(name.length).toBeLessThanOrEqual(SHORT_NAME);
  });

  it("never gives more than SHORT_NAME characters, even for one long word", () => {
    expect(shortDeckName("supercalifragilisticexpialidocious-kubernetes-questions")).toHaveLength(SHORT_NAME);
  });
});

describe("uniqueName", () => {
  it("numbers a taken name, and stays within MAX_NAME", () => {
    expect(uniqueName("docker", new Set(["k8s"]))).toBe("docker");
    expect(uniqueName("docker", new Set(["docker", "docker-2"]))).toBe("docker-3");
    expect(uniqueName("x".repeat(MAX_NAME), new Set(["x".repeat(MAX_NAME)])).length).toBeLessThanOrEqual(
      MAX_NAME,
    );
  });
});
