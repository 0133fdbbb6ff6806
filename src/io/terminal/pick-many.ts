// A checkbox list on @inquirer/core: Inquirer's own refuses Enter with nothing ticked ("At least one
// choice must be selected") and does not say which row is highlighted, so the highlighted one
// cannot be taken instead. Same keys as Inquirer's: arrows, space, a for all, i to invert.
import {
  createPrompt,
  isEnterKey,
  makeTheme,
  type Status,
  useKeypress,
  usePrefix,
  useState,
} from "@inquirer/core";
import { truncate } from "./wrap.js";

interface PickConfig {
  message: string;
  choices: { name: string; checked?: boolean }[];
  /** Rows of the list shown at once. */
  pageSize: number;
  width: () => number;
}

/** Indexes of the ticked choices; Enter with none ticked gives the highlighted one. */
export const pickManyPrompt = createPrompt<number[], PickConfig>((config, done) => {
  const theme = makeTheme({});
  const [status, setStatus] = useState<Status>("idle");
  const [active, setActive] = useState(0);
  const [ticked, setTicked] = useState<boolean[]>(config.choices.map((c) => !!c.checked));
  const prefix = usePrefix({ status, theme });
  const n = config.choices.length;
  useKeypress((key: { name?: string; ctrl?: boolean }) => {
    if (status !== "idle") return;
    if (isEnterKey(key as never)) {
      const picked = ticked.flatMap((t, i) => (t ? [i] : []));
      const result = picked.length ? picked : [active];
      setTicked(ticked.map((_, i) => result.includes(i)));
      setStatus("done");
      done(result);
    } else if (key.name === "up") setActive((active - 1 + n) % n);
    else if (key.name === "down") setActive((active + 1) % n);
    else if (key.name === "space") setTicked(ticked.map((t, i) => (i === active ? !t : t)));
    else if (key.name === "a" && !key.ctrl) {
      const all = ticked.every(Boolean);
      setTicked(ticked.map(() => !all));
    } else if (key.name === "i" && !key.ctrl) setTicked(ticked.map((t) => !t));
  });
  const message = theme.style.message(config.message, status);
  const width = config.width();
  if (status === "done") {
    const names = config.choices.filter((_, i) => ticked[i]).map((c) => c.name);
    return `${prefix} ${message} ${theme.style.answer(truncate(names.join(", "), Math.max(10, width - config.message.length - 3)))}`;
  }
  const start = Math.max(0, Math.min(active - Math.floor(config.pageSize / 2), n - config.pageSize));
  const rows = config.choices.slice(start, start + config.pageSize).map((c, k) => {
    const i = start + k;
    const box = ticked[i] ? "◉" : "◯";
    const line = truncate(`${i === active ? "❯" : " "}${box} ${c.name}`, width);
    return i === active ? theme.style.highlight(line) : line;
  });
  const help = theme.style.help(
    truncate("↑↓ move · space tick · a all · i invert · Enter: the ticked, or the highlighted one", width),
  );
  return `${prefix} ${message}\n${rows.join("\n")}\n${help}`;
});
