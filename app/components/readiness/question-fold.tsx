import { Link, useFetcher } from "@remix-run/react";
import type { SyntheticEvent } from "react";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import type { QuestionExplanation } from "~/workflows/readiness-page.server.ts";
import { QuestionContributions, questionFigures } from "./question-contributions.tsx";

/** The id of a sub-question's fold, so its own page can link back to it. */
export const questionFoldId = (code: string) => `delfraga-${code}`;

/**
 * One folded sub-question on the readiness page. Its contributing actions are read when it is
 * unfolded (from the sub-question's own page, which a reader without JavaScript follows by its
 * link), so the page does not render and send 300 actions nobody has unfolded (ADR 0048).
 */
export function QuestionFold({ slug, question }: { slug: string; question: QuestionExplanation["question"] & { contributionCount: number } }) {
  const fetcher = useFetcher<{ explanation: QuestionExplanation | null }>();
  const href = paths.readinessQuestion(slug, question.code);
  const explanation = fetcher.data?.explanation;
  // Read once it is known whether the sub-question is still in the projection (it can leave it when the plan's version changes).
  const gone = fetcher.state === "idle" && fetcher.data !== undefined && !explanation;
  const load = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open && fetcher.state === "idle" && fetcher.data === undefined) fetcher.load(href);
  };
  const said =
    fetcher.state === "loading"
      ? t.readiness.loadingContributions
      : explanation
        ? t.readiness.contributionsShown(explanation.contributions.length, question.code)
        : gone
          ? t.readiness.questionGone
          : "";
  return (
    <>
      <details id={questionFoldId(question.code)} onToggle={load}>
        <summary>{questionFigures(question)}</summary>
        {question.contributionCount === 0 ? (
          <p className="muted">{t.readiness.noContributions}</p>
        ) : explanation ? (
          <QuestionContributions slug={slug} contributions={explanation.contributions} statuses={explanation.statuses} />
        ) : (
          <p>
            {gone ? `${t.readiness.questionGone} ` : null}
            <Link to={href}>{t.readiness.showContributions(question.contributionCount, question.code)}</Link>
          </p>
        )}
      </details>
      {/* Outside the fold, so it is there (empty) before it speaks: what is loading and what was shown. */}
      <p role="status" className="visually-hidden">
        {said}
      </p>
    </>
  );
}
