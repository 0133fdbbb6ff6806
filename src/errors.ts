/** Errors a user can cause. Each carries the exit code cli.ts turns it into; none prints a stack. */
export class UserError extends Error {
  readonly exitCode: number = 1;
}

/** Bad command-line input: unknown command, option, section or value. */
export class UsageError extends UserError {
  override readonly exitCode = 2;
}

/** A deck that cannot be read, pinned to the file and line at fault. */
export class DeckError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/** The user stopped a session with Ctrl+C (130) or the process got SIGTERM (143). */
export class Interrupted extends Error {
  constructor(readonly exitCode: 130 | 143 = 130) {
    super(exitCode === 143 ? "terminated" : "interrupted");
  }
}

export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  belowThreshold: 3,
  interrupted: 130,
  terminated: 143,
} as const;
