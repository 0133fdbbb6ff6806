import { startOfDay } from "../core/dates.js";
import { examPlan } from "../core/exam-date.js";
import { nothingDueLine, reviewQuestions, reviewQueue } from "../core/schedule.js";
import type { Progress } from "../core/state.js";
import type { Deps } from "../deps.js";
import type { OptionsOf } from "../flags.js";
import { stylesFor } from "../io/terminal/render.js";
import { sessionOptions } from "../session/options.js";
import { startSession } from "../session/start.js";

/** Its flags, as declared once in src/flags.ts (the session ones are in SESSION_FLAGS). */
export type ReviewOptions = Partial<OptionsOf<"review">>;

/** `k8s-quiz review`: the questions due now, most overdue first, plus a few new ones a day. */
export async function reviewCommand(deps: Deps, opts: ReviewOptions): Promise<number> {
  const bank = await deps.bank(opts.deck);
  const stored = deps.store().read();
  // --exam-date plans this session as if it were the setting.
  const examFor = (s: Progress): Progress =>
    opts.examDate === undefined ? s : { ...s, settings: { ...s.settings, examDate: opts.examDate } };
  const state = examFor(stored);
  const now = deps.now();
  const perDay = opts.new ?? state.settings.newPerDay;
  const { questions, queue } = reviewQuestions(
    bank.questions,
    state,
    now.getTime(),
    startOfDay(now),
    perDay,
    opts.limit,
    deps.store().introducedSince(startOfDay(now)),
  );
  const out = deps.output(opts.color);
  const plan = examPlan(state.settings.examDate);
  if (plan && plan.at <= now.getTime() && opts.examDate !== undefined)
    out.err(`Exam date ${plan.date} has passed: scheduling as usual.`);
  const pace = queue.pace;
  if (plan && pace && !pace.possible && !opts.json) {
    const limit = opts.new !== undefined ? "--new" : "config set newPerDay";
    out.err(
      pace.days === 0
        ? `The exam on ${plan.date} is too close to see all ${pace.unseen} new questions twice before it.`
        : `To see all ${pace.unseen} new questions twice before the exam on ${plan.date} takes ${pace.perDay} new a day; today's limit is ${perDay} (raise it with ${limit}).`,
    );
  }
  const examJson = plan
    ? {
        exam: {
          date: plan.date,
          ...(pace
            ? {
                unseen: pace.unseen,
                newPerDayNeeded: Number.isFinite(pace.perDay) ? pace.perDay : null,
                possible: pace.possible,
              }
            : {}),
        },
      }
    : {};
  const nextLine = (next: number | undefined, after: boolean) =>
    nothingDueLine(next, deps.now().getTime(), after);
  if (!questions.length) {
    if (opts.json) {
      out.json({
        session: { command: "review", due: 0, new: 0, ...examJson },
        questions: [],
        nextDue: queue.nextDue ? new Date(queue.nextDue).toISOString() : null,
      });
    } else {
      out.out(nextLine(queue.nextDue, false));
    }
    return 0;
  }
  const runner = await startSession(deps, bank, sessionOptions(deps, "review", opts));
  const mode = opts.mode ?? state.settings.defaultMode;
  const result = await runner.ask(questions, mode);
  // What was asked, not what was waiting: --limit can cut both.
  const due = new Set(queue.due);
  const askedDue = questions.filter((q) => due.has(q)).length;
  const session = { mode, due: askedDue, new: questions.length - askedDue, ...examJson };
  const code = await runner.finish([result], session);
  if (!opts.json) {
    const later = deps.now();
    const latest = examFor(runner.state());
    const left = reviewQuestions(
      bank.questions,
      latest,
      later.getTime(),
      startOfDay(later),
      perDay,
      undefined,
      deps.store().introducedSince(startOfDay(later)),
    ).questions.length;
    const after = reviewQueue(bank.questions, latest, later.getTime(), 0);
    runner.out.out(
      stylesFor(runner.out).bold(
        left ? `${left} more to review: k8s-quiz review` : nextLine(after.nextDue, true),
      ),
    );
  }
  return code;
}
