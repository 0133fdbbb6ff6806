import { describe, expect, it } from "vitest";
import { findSection, findSections } from "../../src/core/sections.js";
import { UsageError } from "../../src/errors.js";
import { makeSection } from "../helpers/questions.js";

// The bundled sections, as issue 2 names them.
const SECTIONS = [
  makeSection("internals", "Kubernetes Internals & Architecture"),
  makeSection("operators", "CRDs & Operator Pattern", ["crds"]),
  makeSection("multi-cluster", "Multi-Cluster & Federation"),
  makeSection("networking", "Advanced Networking Plugins"),
  makeSection("service-mesh", "Ingress Controllers & Service Mesh", ["ingress"]),
];

const errorOf = (fn: () => unknown): UsageError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error("expected a UsageError");
};

describe("findSection", () => {
  const cases: [string, string][] = [
    ["networking", "networking"],
    ["NETWORKING", "networking"],
    ["  networking  ", "networking"],
    ["service-mesh", "service-mesh"],
    ["Multi-Cluster", "multi-cluster"],
    ["crds", "operators"],
    ["CRDs", "operators"],
    ["ingress", "service-mesh"],
    ["Ingress", "service-mesh"],
    ["net", "networking"],
    ["adv net", "networking"],
    ["Advanced Networking Plugins", "networking"],
    ["adv plug", "networking"],
    ["kube", "internals"],
    ["arch", "internals"],
    ["operator", "operators"],
    ["crd", "operators"],
    ["service mesh", "service-mesh"],
    ["fed", "multi-cluster"],
    ["multi", "multi-cluster"],
    ["multi cluster", "multi-cluster"],
  ];
  it.each(cases)("%j -> %s", (query, slug) => {
    expect(findSection(SECTIONS, query).slug).toBe(slug);
  });

  it("matches title words in order only", () => {
    const e = errorOf(() => findSection(SECTIONS, "plugins advanced"));
    expect(e.message).toMatch(/^unknown section "plugins advanced"/);
  });

  const ambiguous: [string, string[]][] = [
    // "Multi-Cluster" counts as two title words, so "c" prefixes its "Cluster" too.
    ["c", ["operators", "multi-cluster", "service-mesh"]],
    ["a", ["internals", "networking"]],
  ];
  it.each(ambiguous)("%j is ambiguous between %j", (query, slugs) => {
    const e = errorOf(() => findSection(SECTIONS, query));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`section "${query}" is ambiguous`);
    for (const s of slugs) expect(e.message).toContain(s);
    const others = SECTIONS.map((s) => s.slug).filter((s) => !slugs.includes(s));
    for (const s of others) expect(e.message).not.toContain(s);
  });

  it("prefers an exact slug or alias over title-word matches", () => {
    const sections = [
      ...SECTIONS,
      makeSection("net", "Net Basics"),
      makeSection("mesh-basics", "Mesh", ["mesh"]),
    ];
    expect(findSection(sections, "net").slug).toBe("net");
    expect(findSection(sections, "mesh").slug).toBe("mesh-basics");
  });

  const unknown: [string, string][] = [
    ["netwrk", "networking"],
    ["opertors", "operators"],
    ["servce-mesh", "service-mesh"],
    ["multicluster", "multi-cluster"],
    ["netowrking", "networking"],
  ];
  it.each(unknown)("%j is unknown: did you mean %s?", (query, guess) => {
    const e = errorOf(() => findSection(SECTIONS, query));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(`unknown section "${query}"`);
    expect(e.message).toContain(`did you mean ${guess}?`);
    expect(e.message).toContain("internals, operators, multi-cluster, networking, service-mesh");
    expect(e.message).not.toContain("\n");
  });

  it.each(["xyzzy", "", "   "])("%j is unknown with no suggestion, and lists the sections", (query) => {
    const e = errorOf(() => findSection(SECTIONS, query));
    expect(e.message).toContain(`unknown section "${query}"`);
    expect(e.message).not.toContain("did you mean");
    expect(e.message).toContain("internals, operators, multi-cluster, networking, service-mesh");
  });
});

describe("findSections", () => {
  it("keeps the order given and drops repeats", () => {
    const found = findSections(SECTIONS, ["net", "crds", "networking", "operators", "internals"]);
    expect(found.map((s) => s.slug)).toEqual(["networking", "operators", "internals"]);
  });

  it("returns the very Section objects, not copies", () => {
    expect(findSections(SECTIONS, ["ingress"])[0]).toBe(SECTIONS[4]);
  });

  it("fails on the first unknown one", () => {
    const e = errorOf(() => findSections(SECTIONS, ["networking", "netwrk"]));
    expect(e.message).toContain('unknown section "netwrk" (did you mean networking?)');
  });

  it("returns nothing for no queries", () => {
    expect(findSections(SECTIONS, [])).toEqual([]);
  });
});

describe("a --section that names sections in several decks", () => {
  const ofDeck = (deck: string, slug: string, title: string, aliases: string[] = []) => ({
    ...makeSection(slug, title, aliases),
    deck,
  });
  const ALL = [
    ...SECTIONS,
    ofDeck("team", "team-networking", "Networking", ["networking"]),
    ofDeck("team", "team-basics", "Basics", ["basics"]),
    ofDeck("docker", "docker-basics", "Basics", ["basics"]),
  ];

  it("takes each deck's section with that slug or alias", () => {
    expect(findSections(ALL, ["networking"]).map((s) => s.slug)).toEqual(["networking", "team-networking"]);
    expect(findSections(ALL, ["basics"]).map((s) => s.slug)).toEqual(["team-basics", "docker-basics"]);
  });

  it("within one deck, the slug wins over another section's alias", () => {
    const same = [ofDeck("d", "net", "Net"), ofDeck("d", "other", "Other", ["net"])];
    expect(findSections(same, ["net"]).map((s) => s.slug)).toEqual(["net"]);
  });
});
