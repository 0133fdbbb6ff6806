/** A session's status line: `[3/10 · 2✔ 1✘ · 1:42]`, where it is, right and wrong so far, the clock. */
export function statusLine(s: {
  at: number;
  of: number;
  right?: number;
  wrong?: number;
  clock?: string;
}): string {
  const score = s.right !== undefined ? [`${s.right}✔ ${s.wrong ?? 0}✘`] : [];
  return `[${[`${s.at}/${s.of}`, ...score, ...(s.clock ? [s.clock] : [])].join(" · ")}]`;
}
