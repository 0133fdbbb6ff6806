import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A generated deck for load tests: `count` one-line questions in one section ("load-test"), each with a
 * bold term, written to `<dir>/load.md`. Returns the file's path.
 */
export function loadDeck(dir: string, count: number): string {
  const lines = ["# Load Test", ""];
  for (let i = 1; i <= count; i++)
    lines.push(`### ${i}. Load question ${i}?`, "", `Answer ${i}: **term${i}**.`, "");
  const file = join(dir, "load.md");
  writeFileSync(file, lines.join("\n"));
  return file;
}

/** The arguments of a flash session over `n` questions of a load deck, in the order `seed` gives. */
export const loadSession = (deck: string, seed: number, n: number): string[] => [
  "practice",
  "--deck",
  deck,
  "-s",
  "load-test",
  "-n",
  String(n),
  "--mode",
  "flash",
  "--seed",
  String(seed),
];
