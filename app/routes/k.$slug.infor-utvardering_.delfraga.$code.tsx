import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { QuestionContributions, questionFigures } from "~/components/readiness/question-contributions.tsx";
import { questionFoldId } from "~/components/readiness/question-fold.tsx";
import { requireMunicipality } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import { questionExplanation } from "~/workflows/readiness-page.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.explanation ? t.readiness.questionTitle(data.explanation.question.code, data.explanation.question.text) : t.readiness.questionNotFoundTitle} – ${t.app.name}`,
  },
];

/**
 * One sub-question of the readiness projection: its figures and the actions that contribute to it.
 * The readiness page reads this when a sub-question is unfolded; without JavaScript it is a page (ADR 0048).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  // Codes are short ("1.5", "3.2.1"); a longer one is no sub-question and is not looked for.
  const code = params.code ?? "";
  const found = code.length <= 20 ? await questionExplanation(municipality.id, code, new Date()) : { explanation: null, missing: "no-question" as const };
  // The code is shown back in the not-found sentence, cut to what a code can be.
  return data({ slug: municipality.slug, code: code.slice(0, 20), ...found }, { status: found.explanation ? 200 : 404 });
}

export default function ReadinessQuestion() {
  const { slug, code, explanation, missing } = useLoaderData<typeof loader>();
  if (!explanation) {
    return (
      <>
        <h1>{t.readiness.questionNotFoundTitle}</h1>
        <p className="notice">{missing === "no-evaluation" ? t.readiness.questionNoEvaluation : t.readiness.questionNotFound(code)}</p>
        <p>
          <Link to={paths.readiness(slug)}>{t.readiness.back}</Link>
        </p>
      </>
    );
  }
  const { question } = explanation;
  return (
    <>
      <h1>{t.readiness.questionTitle(question.code, question.text)}</h1>
      <p className="lead">{questionFigures(question)}</p>
      <section className="card" aria-labelledby="contributions-heading">
        <h2 id="contributions-heading">{t.readiness.contributions}</h2>
        <QuestionContributions slug={slug} contributions={explanation.contributions} statuses={explanation.statuses} />
      </section>
      <p>
        {/* Back to the sub-question itself, as a plain link: the browser unfolds the folds that hold it (on a phone its area is folded too), which a client-side navigation does not. */}
        <a href={`${paths.readiness(slug)}#${questionFoldId(question.code)}`}>{t.readiness.back}</a>
      </p>
    </>
  );
}
