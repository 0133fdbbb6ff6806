import { llmRequest, type ModelVerdict, parseLlmReply } from "../../core/llm-verdict.js";
import type { KeyPoint, Question } from "../../core/types.js";

export interface ModelGrader {
  /** The base URL, such as http://127.0.0.1:11434/v1; the request goes to its /chat/completions. */
  url: string;
  model: string;
  /** The API key, read from the environment variable llm.keyEnv names; never from the config file. */
  key?: string;
  timeoutMs: number;
}

/** Where the answers go: the one URL every request of the model grader is sent to. */
export const completionsUrl = (base: string) => `${base.replace(/\/+$/, "")}/chat/completions`;

/** Why a request got no reply, in a few words for the one fallback line. */
function failure(e: unknown, g: ModelGrader): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError")
    return `gave no reply within ${Math.round(g.timeoutMs / 100) / 10} s`;
  const code = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? "unknown error";
  return `could not be reached at ${completionsUrl(g.url)} (${code})`;
}

/**
 * Grades one recall answer by the model: one chat-completions request (Node's fetch, cancelled by
 * AbortSignal.timeout), its reply checked by parseLlmReply. Never throws: a failure comes back as
 * `{ ok: false, why }` and the caller grades by key points.
 */
export async function gradeByModel(
  g: ModelGrader,
  q: Question,
  points: readonly KeyPoint[],
  answer: string,
  /** The wordings this learner had accepted for a key point ("my answer was right"). */
  accepted?: (label: string) => readonly string[],
): Promise<ModelVerdict> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(completionsUrl(g.url), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(g.key ? { authorization: `Bearer ${g.key}` } : {}),
      },
      body: JSON.stringify(llmRequest(q, points, answer, g.model, accepted)),
      signal: AbortSignal.timeout(g.timeoutMs),
      redirect: "error",
    });
    // The body is read under the same timeout: a server that sends headers and then stalls is slow too.
    text = await res.text();
  } catch (e) {
    return { ok: false, why: failure(e, g) };
  }
  if (!res.ok) return { ok: false, why: `answered HTTP ${res.status}` };
  // A verdict on a few key points is a few hundred bytes; a megabyte is not one.
  if (text.length > 1_000_000) return { ok: false, why: "sent a reply over 1 MB" };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, why: "sent a reply that is not JSON" };
  }
  const verdict = parseLlmReply(body, points);
  return verdict.ok ? verdict : { ok: false, why: `sent an invalid reply: ${verdict.why}` };
}
