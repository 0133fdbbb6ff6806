/**
 * The one rounding of a percentage, everywhere it is shown or reported: to a tenth, so 2 of 3 is
 * 66.7 in the summary, the weak topics, stats and the exam alike (not 66.7 in one and 67 in another).
 */
export function percentOf(part: number, whole = 1): number {
  return whole ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** percentOf as text: "66.7%", "50%". */
export const percentText = (part: number, whole = 1): string => `${percentOf(part, whole)}%`;
