import { describe, expect, it } from "vitest";
import { searchQuestions } from "../../src/core/search.js";
import type { Question } from "../../src/core/types.js";
import { makeQuestion } from "../helpers/questions.js";

const q = (number: number, prompt: string, answer: string): Question =>
  makeQuestion({ number, prompt, answer });

const BANK = [
  q(1, "How do controllers stay consistent?", "They reconcile with **Etcd**.\n- Etcd uses Raft."),
  q(2, "What is the role of etcd?", "A key-value store.\n- Uses **RAFT algorithm** for consensus."),
  q(3, "What is a Service?", "A stable virtual IP.\n- kube-proxy programs iptables."),
  q(4, "How is etcd backed up?", "Take a snapshot with `etcdctl snapshot save`."),
  q(5, "What stores ConfigMaps?", "The API server persists them.\n- See `kubectl get cm`."),
];

const ids = (query: string[]) => searchQuestions(BANK, query).map((h) => h.question.id);

describe("searchQuestions", () => {
  it("returns only questions containing every word, in the prompt or the answer", () => {
    expect(new Set(ids(["etcd", "raft"]))).toEqual(new Set(["1", "2"]));
    expect(ids(["etcd", "raft", "snapshot"])).toEqual([]);
  });

  it("is case-insensitive on both sides", () => {
    expect(new Set(ids(["ETCD", "Raft"]))).toEqual(new Set(["1", "2"]));
    expect(ids(["KUBE-PROXY"])).toEqual(["3"]);
  });

  it("splits a quoted phrase into words", () => {
    expect(new Set(ids(["etcd raft"]))).toEqual(new Set(ids(["etcd", "raft"])));
  });

  it("matches words as substrings", () => {
    expect(ids(["configmap"])).toEqual(["5"]);
    expect(ids(["etcdctl"])).toEqual(["4"]);
  });

  it("ranks a hit in the prompt above hits only in the answer", () => {
    expect(ids(["etcd", "raft"])[0]).toBe("2");
    expect(ids(["etcd"]).slice(0, 2).sort()).toEqual(["2", "4"]);
    expect(ids(["etcd"]).at(-1)).toBe("1");
  });

  it("breaks ties by question number", () => {
    const twins = [q(9, "Twin", "same words"), q(3, "Twin", "same words"), q(6, "Twin", "same words")];
    expect(searchQuestions(twins, ["twin"]).map((h) => h.question.number)).toEqual([3, 6, 9]);
  });

  it("gives the line with the most of the words, not just the first with one", () => {
    const line = (query: string[], id: string) =>
      searchQuestions(BANK, query).find((h) => h.question.id === id)?.line;
    // 1's first line with a word has only etcd; "Etcd uses Raft." has both.
    expect(line(["etcd", "raft"], "1")).toBe("Etcd uses Raft.");
    // A tie goes to the first: the prompt of 2 and its answer line have one word each.
    expect(line(["etcd", "raft"], "2")).toBe("What is the role of etcd?");
  });

  it("gives the first matching line, without Markdown marks or list bullets", () => {
    const line = (query: string[], id: string) =>
      searchQuestions(BANK, query).find((h) => h.question.id === id)?.line;
    expect(line(["raft"], "2")).toBe("Uses RAFT algorithm for consensus.");
    expect(line(["raft"], "1")).toBe("Etcd uses Raft.");
    expect(line(["snapshot"], "4")).toBe("Take a snapshot with etcdctl snapshot save.");
    expect(line(["etcd"], "2")).toBe("What is the role of etcd?");
    expect(line(["iptables"], "3")).toBe("kube-proxy programs iptables.");
  });

  it("finds nothing for an empty query or one without words", () => {
    expect(ids([])).toEqual([]);
    expect(ids([""])).toEqual([]);
    expect(ids(["  ", "?!"])).toEqual([]);
  });

  it("does not change the questions it is given", () => {
    const before = structuredClone(BANK);
    searchQuestions(BANK, ["etcd"]);
    expect(BANK).toEqual(before);
  });
});
