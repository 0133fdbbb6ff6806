/** The commands that run a session: each goes through src/session/start.ts. */
export type SessionCommand = "practice" | "review" | "daily" | "run" | "exam";

/**
 * What a session is, said once when it starts and carried to its JSON document. `seed` is the
 * --seed the learner gave, or null: a command that seeds its own random source (daily, from its
 * date) passes that source to the session and leaves `seed` null, so the document tells a seed
 * the learner can reuse from one they never gave.
 */
export interface SessionMeta {
  command: SessionCommand;
  seed: number | null;
  dryRun: boolean;
  cram: boolean;
  startedAt: Date;
}
