import { acceptPhrasings } from "./phrasings.js";
import { HISTORY_LIMIT, type HistoryEntry, type State } from "./state.js";

/**
 * Merges progress from another machine into this one without losing an answer: per question the side
 * answered more recently wins, histories are united (an answer is its question and moment), and the
 * streak keeps the best of both; accepted phrasings are united (they are the learner's, like the
 * answers). Settings, the grader and registered decks stay this machine's.
 */
export function mergeStates(local: State, incoming: State): State {
  const questions = { ...local.questions };
  for (const [id, theirs] of Object.entries(incoming.questions)) {
    const ours = questions[id];
    if (!ours || theirs.lastAnswered > ours.lastAnswered) questions[id] = theirs;
  }
  const seen = new Set<string>();
  const history: HistoryEntry[] = [];
  for (const h of [...local.history, ...incoming.history].sort((a, b) => a.at - b.at)) {
    const key = `${h.id}@${h.at}`;
    if (seen.has(key)) continue;
    seen.add(key);
    history.push(h);
  }
  const weakTopics = { ...local.weakTopics };
  for (const [topic, w] of Object.entries(incoming.weakTopics)) {
    const ours = weakTopics[topic];
    if (!ours || w.lastSeen > ours.lastSeen) weakTopics[topic] = w;
  }
  const newer =
    (incoming.streak.lastDay ?? "") > (local.streak.lastDay ?? "") ? incoming.streak : local.streak;
  // Added through acceptPhrasings, so a phrase already known for its point is not repeated and the
  // incoming ones get ids that are free here.
  let withPhrasings: State = local;
  for (const p of incoming.phrasings ?? [])
    withPhrasings = acceptPhrasings(withPhrasings, p.question, [p.point], p.phrases, p.at);
  return {
    ...withPhrasings,
    questions,
    history: history.slice(-HISTORY_LIMIT),
    weakTopics,
    streak: { ...newer, longest: Math.max(local.streak.longest, incoming.streak.longest, newer.current) },
    daily: { ...local.daily, picks: { ...incoming.daily.picks, ...local.daily.picks } },
  };
}
