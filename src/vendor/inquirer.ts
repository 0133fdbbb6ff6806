// Bundled on its own (dist/vendor/inquirer.cjs) and loaded only when a prompt is shown.

export type { Status } from "@inquirer/core";
export {
  createPrompt,
  isEnterKey,
  makeTheme,
  useEffect,
  useKeypress,
  usePrefix,
  useState,
} from "@inquirer/core";
export { confirm, input, select } from "@inquirer/prompts";
// The session's own prompts, built on those, travel with them: only a session at a terminal loads
// this file, so their code is compiled with it (and kept in its compile cache) instead of being
// compiled at every session's first prompt or read from the CLI's cache by every command.
export * from "../io/terminal/pick-many.js";
export * from "../io/terminal/study-prompts.js";
