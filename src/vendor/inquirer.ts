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
