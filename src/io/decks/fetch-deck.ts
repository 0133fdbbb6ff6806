import { UsageError, UserError } from "../../errors.js";

/** Seconds a deck download may take, start to end, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT_S = 30;

/** Hosts a plain http:// URL may name: this machine only. Anything further away needs https. */
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Whether a `deck add` argument is a URL rather than a path. */
export const isUrl = (value: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/** The URL, checked: https, or http to this machine; anything else is a usage error. */
export function checkUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`not a valid URL: ${value}`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return url;
  throw new UsageError(`only https:// URLs can be added as decks, not ${value}`);
}

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchResult =
  | { status: "unchanged" }
  | { status: "fetched"; body: Buffer; etag?: string; lastModified?: string };

export interface FetchOptions extends Validators {
  timeoutMs: number;
  maxBytes: number;
}

/** Why a download failed, in a few words: the network's error code rather than "fetch failed". */
function whyFailed(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === "TimeoutError") return `no complete answer within ${timeoutMs / 1000} s`;
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
}

/**
 * Downloads a deck with Node's fetch: the whole transfer within the timeout, the body cut off past
 * maxBytes (a deck over the limit is refused whole, never parsed in part), and the cached copy's
 * ETag and Last-Modified sent along, so an unchanged deck comes back as a bodiless 304.
 */
export async function fetchDeck(value: string, opts: FetchOptions): Promise<FetchResult> {
  const url = checkUrl(value);
  const headers: Record<string, string> = { accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" };
  if (opts.etag) headers["if-none-match"] = opts.etag;
  if (opts.lastModified) headers["if-modified-since"] = opts.lastModified;
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const tooBig = () => new UserError(`${value}: deck is larger than ${opts.maxBytes / 1024 / 1024} MB`);
  try {
    const res = await fetch(url, { headers, signal, redirect: "follow" });
    // A redirect must not take a deck from https to plain http elsewhere.
    if (res.url && res.url !== url.href) checkUrl(res.url);
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: "unchanged" };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new UserError(`${value}: the server answered ${res.status} ${res.statusText}`.trimEnd());
    }
    if (Number(res.headers.get("content-length") ?? 0) > opts.maxBytes) {
      await res.body?.cancel();
      throw tooBig();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        size += chunk.byteLength;
        if (size > opts.maxBytes) {
          await reader.cancel();
          throw tooBig();
        }
        chunks.push(chunk);
      }
    }
    const etag = res.headers.get("etag") ?? undefined;
    const lastModified = res.headers.get("last-modified") ?? undefined;
    return {
      status: "fetched",
      body: Buffer.concat(chunks),
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
    };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${value}: cannot download the deck: ${whyFailed(e, opts.timeoutMs)}`);
  }
}
