import { LIKELIHOOD_RULES } from "~/domain/projection.ts";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import { formatDate, formatPoints } from "~/utils/format.ts";
import type { QuestionExplanation } from "~/workflows/readiness-page.server.ts";

const ruleText = (id: string) => LIKELIHOOD_RULES.find((r) => r.id === id)?.text ?? id;

/** A sub-question's figures in one line, as its fold on the readiness page and its own page show them. */
export function questionFigures(q: QuestionExplanation["question"]): string {
  const r = t.readiness;
  return `${q.code} ${q.text}: ${r.current.toLowerCase()} ${formatPoints(q.current)}, ${r.secured.toLowerCase()} ${formatPoints(q.secured)}, ${r.likely.toLowerCase()} ${formatPoints(q.likely)}, ${r.potential.toLowerCase()} ${formatPoints(q.potential)} ${t.start.outOf(q.maxPoints)}`;
}

/**
 * The actions that contribute to one sub-question: each links to its action with its effect,
 * weight and rule, says when it is done without evidence, and shows its latest status text.
 */
export function QuestionContributions({ slug, contributions, statuses }: { slug: string } & Pick<QuestionExplanation, "contributions" | "statuses">) {
  if (contributions.length === 0) return <p className="muted">{t.readiness.noContributions}</p>;
  return (
    <ul>
      {contributions.map((c) => {
        const status = statuses[c.actionId];
        return (
          <li key={c.actionId}>
            {/* The title is the link; the figures and the rule follow as plain text, easier to read than a link of several lines. */}
            <a href={paths.action(slug, c.actionId)}>{c.title}</a>
            {t.readiness.contribution(formatPoints(c.effect), c.weight, ruleText(c.rule))}
            {c.rule === "done" ? (
              <>
                {" "}
                <span className="badge late">{t.numbers.doneWithoutEvidence}</span>
              </>
            ) : null}
            {status ? <div className="muted">{t.councilReport.statusDated(formatDate(status.date), status.text)}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
