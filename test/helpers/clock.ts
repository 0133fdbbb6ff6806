/**
 * Waits, when the next midnight is less than `marginMs` away, until just after it. A test that runs
 * the binary several times and compares what "today" is across the runs (the day's question, the
 * day's allowance of new questions, the shell hook's stamp, a card due "later today") would
 * otherwise see the day turn between two of its runs: once in a few thousand runs of the suite,
 * and then it fails for a reason that has nothing to do with what it checks. `zone` is the time
 * zone the binary runs in: the test's own (the default), or UTC for a test that sets TZ=UTC.
 */
export async function clearOfMidnight(marginMs = 30_000, zone: "local" | "UTC" = "local"): Promise<void> {
  const now = new Date();
  const next =
    zone === "UTC"
      ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)
      : new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  const left = next - now.getTime();
  if (left < marginMs) await new Promise((done) => setTimeout(done, left + 1000));
}

/** A test's timeout with room for clearOfMidnight's wait. */
export const MIDNIGHT_TIMEOUT = 90_000;
