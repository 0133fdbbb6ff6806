// The old home of these functions, kept so existing imports still work: Markdown as plain text is
// in markdown.ts, an answer's one-line summary in answer-summary.ts.
export { firstItem, summarize } from "./answer-summary.js";
export { boldTerms, plainLine } from "./markdown.js";
