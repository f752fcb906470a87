import { Link, useFetcher } from "@remix-run/react";
import type { SyntheticEvent } from "react";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import type { QuestionExplanation } from "~/workflows/readiness-page.server.ts";
import { QuestionContributions, questionFigures } from "./question-contributions.tsx";

/**
 * One folded sub-question on the readiness page. Its contributing actions are read when it is
 * unfolded (from the sub-question's own page, which a reader without JavaScript follows by its
 * link), so the page does not render and send 300 actions nobody has unfolded (ADR 0046).
 */
export function QuestionFold({ slug, question }: { slug: string; question: QuestionExplanation["question"] & { contributionCount: number } }) {
  const fetcher = useFetcher<{ explanation: QuestionExplanation | null }>();
  const href = paths.readinessQuestion(slug, question.code);
  const explanation = fetcher.data?.explanation;
  const load = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open && fetcher.state === "idle" && fetcher.data === undefined) fetcher.load(href);
  };
  return (
    <details onToggle={load}>
      <summary>{questionFigures(question)}</summary>
      {question.contributionCount === 0 ? (
        <p className="muted">{t.readiness.noContributions}</p>
      ) : explanation ? (
        <QuestionContributions slug={slug} contributions={explanation.contributions} statuses={explanation.statuses} />
      ) : (
        <p>
          <Link to={href}>{t.readiness.showContributions(question.contributionCount, question.code)}</Link>
          {/* Present before it speaks, so screen readers announce the loading. */}
          <span role="status" className="muted">
            {fetcher.state === "loading" ? ` ${t.readiness.loadingContributions}` : ""}
          </span>
        </p>
      )}
    </details>
  );
}
