import { TimeUp } from "../../core/session.js";
import { Interrupted } from "../../errors.js";

/** The abort reason an exam's timer uses. */
export const TIME_UP = "TIME_UP";

/** Why a prompt or a scripted read was cancelled, as the session understands it: Ctrl+C, SIGTERM, or an exam's clock. */
export function cancelReason(reason: unknown): Error {
  if (reason === TIME_UP) return new TimeUp();
  return new Interrupted(reason === "SIGTERM" ? 143 : 130);
}
