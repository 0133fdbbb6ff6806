import {
  createPrompt,
  isEnterKey,
  makeTheme,
  type Status,
  useKeypress,
  usePrefix,
  useState,
} from "../../vendor/inquirer.js";

/**
 * A yes/no question answered by one key, no Enter: y is yes; n, Enter or Escape is no. Inquirer's
 * confirm waits for Enter, and an offer made after every raised grade must cost one key to pass.
 */
export const keyConfirm = createPrompt<boolean, { message: string }>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<Status>("idle");
  const [answer, setAnswer] = useState<boolean | undefined>(undefined);
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (status !== "idle") return;
    const name = (key.name ?? "").toLowerCase();
    const yes = name === "y";
    if (!yes && name !== "n" && name !== "escape" && !isEnterKey(key)) {
      rl.clearLine(0);
      return;
    }
    setAnswer(yes);
    setStatus("done");
    done(yes);
  });
  const message = theme.style.message(config.message, status);
  if (status === "done") return `${prefix} ${message} ${theme.style.answer(answer ? "yes" : "no")}`;
  return `${prefix} ${message} ${theme.style.help("(y/N, one key)")}`;
});
