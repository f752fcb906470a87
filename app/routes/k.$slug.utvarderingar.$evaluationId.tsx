import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmForm, ConfirmPage } from "~/components/confirm-step.tsx";
import { EvaluationAreaSection } from "~/components/evaluation-area.tsx";
import { can } from "~/domain/access.ts";
import { oneScore, scoreDifference } from "~/domain/one-score.ts";
import { scoreEvaluation } from "~/domain/scoring.ts";
import { t } from "~/i18n/sv.ts";
import { evaluationDeletion, type ConfirmPrompt } from "~/forms/confirm.ts";
import { confirmationStep } from "~/http/confirm.server.ts";
import { deleteEvaluation, evaluationDeletionFacts, EvaluationHasActionsError, getEvaluation } from "~/models/evaluation.server.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { formatDate, formatPoints } from "~/utils/format.ts";
import { scoreDifferenceLine } from "~/utils/report-text.ts";
import { notice, paths, QUERY } from "~/paths.ts";

const idSchema = z.uuid();

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t.evaluation.title(data.evaluation.year) : t.errors.notFoundTitle} – ${t.app.name}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const id = idSchema.safeParse(params.evaluationId);
  if (!id.success) throw notFound();
  const evaluation = await getEvaluation(municipality.id, id.data);
  if (!evaluation) throw notFound();
  const scored = scoreEvaluation(evaluation.areas, evaluation.statedTotal);
  const score = oneScore(scored);
  const canManage = can({ isOperator: user.isOperator, role }, "evaluation:manage");
  return {
    differenceLine: scoreDifferenceLine(scoreDifference(score)),
    municipality,
    evaluation: {
      id: evaluation.id,
      year: evaluation.year,
      period: evaluation.period,
      reportDate: evaluation.reportDate?.toISOString() ?? null,
      evaluators: evaluation.evaluators,
      sourceName: evaluation.sourceName,
      version: evaluation.frameworkVersion.name,
    },
    scored,
    areas: evaluation.areas.map((a) => ({
      number: a.number,
      headings: a.headings,
      strengths: a.strengths,
      improvements: a.improvements.map((i) => i.text),
      goodExamples: a.goodExamples,
    })),
    canManage,
    // What deleting would remove, or the actions that stop it (ADR 0043): for coordinators only.
    deletion: canManage ? await evaluationDeletionFacts(municipality.id, evaluation.id) : null,
  };
}

type DeleteResult = { error?: string; confirm?: ConfirmPrompt };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "evaluation:manage");
  const id = idSchema.safeParse(params.evaluationId);
  if (!id.success) throw notFound();
  const form = await request.formData();
  if (form.get("intent") !== "delete") return data<DeleteResult>({ error: t.errors.fixErrors }, { status: 400 });
  const facts = await evaluationDeletionFacts(municipality.id, id.data);
  if (!facts) throw notFound();
  if (facts.actionCount > 0) return data<DeleteResult>({ error: t.confirm.evaluationRefused(facts.year, facts.actionCount) }, { status: 409 });
  const confirm = confirmationStep(form, evaluationDeletion(facts));
  if (confirm) return data<DeleteResult>({ confirm });
  try {
    const deleted = await deleteEvaluation(municipality.id, id.data, user.id);
    if (!deleted) throw notFound();
  } catch (error) {
    if (error instanceof EvaluationHasActionsError) {
      return data<DeleteResult>({ error: t.confirm.evaluationRefused(facts.year, error.actionCount) }, { status: 409 });
    }
    throw error;
  }
  throw redirect(paths.evaluations(municipality.slug, notice("deleted")));
}

export default function EvaluationPage() {
  const { municipality, evaluation, scored, differenceLine, areas, canManage, deletion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (actionData?.confirm) {
    return <ConfirmPage prompt={actionData.confirm} cancelHref={paths.evaluation(municipality.slug, evaluation.id)} />;
  }
  return (
    <>
      <h1>{t.evaluation.title(evaluation.year)}</h1>
      {params.get(QUERY.saved) ? (
        <p className="notice success" role="status">
          {t.importer.saved}
        </p>
      ) : null}
      {canManage ? (
        <p className="no-print">
          <Link className="button secondary" to={paths.editEvaluation(municipality.slug, evaluation.id)}>
            {t.evaluationForm.edit}
          </Link>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t.evaluation.framework}</dt>
        <dd>{evaluation.version}</dd>
        {evaluation.period ? (
          <>
            <dt>{t.evaluation.period}</dt>
            <dd>{evaluation.period}</dd>
          </>
        ) : null}
        {evaluation.reportDate ? (
          <>
            <dt>{t.evaluation.reportDate}</dt>
            <dd>{formatDate(evaluation.reportDate)}</dd>
          </>
        ) : null}
        {evaluation.evaluators.length > 0 ? (
          <>
            <dt>{t.evaluation.evaluators}</dt>
            <dd>{evaluation.evaluators.join("; ")}</dd>
          </>
        ) : null}
      </dl>

      <section className="card" aria-labelledby="total-heading">
        <h2 id="total-heading">{t.evaluation.total}</h2>
        <p className="kpi-inline">
          <strong className="big">{formatPoints(scored.total)}</strong> {t.start.outOf(scored.maxPoints)}
        </p>
        {scored.statedTotal === null ? <p className="muted">{t.evaluation.noStatedTotal}</p> : null}
        {differenceLine ? (
          <p className="notice" data-testid="score-difference">
            {differenceLine}
          </p>
        ) : null}
        {scored.statedTotal !== null && scored.totalDifference !== 0 ? (
          <p className="notice">
            {t.evaluation.statedTotal}: {formatPoints(scored.statedTotal)} · {t.evaluation.computedTotal}:{" "}
            {formatPoints(scored.areaSum)}
          </p>
        ) : null}
      </section>

      {scored.areas.map((area) => {
        const lists = areas.find((a) => a.number === area.number)!;
        return <EvaluationAreaSection key={area.number} area={area} lists={lists} />;
      })}

      {canManage ? (
        <section className="card no-print" aria-labelledby="delete-heading">
          <h2 id="delete-heading">{t.evaluation.delete}</h2>
          {actionData?.error ? (
            <p className="notice error" role="alert">
              {actionData.error}
            </p>
          ) : null}
          {deletion && deletion.actionCount > 0 ? (
            <>
              {actionData?.error ? null : <p className="notice">{t.confirm.evaluationRefused(deletion.year, deletion.actionCount)}</p>}
              <h3>{t.confirm.linkedActions}</h3>
              <ul>
                {deletion.actions.map((a) => (
                  <li key={a.id}>
                    <Link to={paths.action(municipality.slug, a.id)}>{a.title}</Link>
                  </li>
                ))}
                {deletion.actionCount > deletion.actions.length ? <li>{t.confirm.moreActions(deletion.actionCount - deletion.actions.length)}</li> : null}
              </ul>
            </>
          ) : deletion ? (
            <ConfirmForm text={evaluationDeletion(deletion)}>
              <input type="hidden" name="intent" value="delete" />
              <p>{t.confirm.evaluationLoss(deletion.year, deletion.questions, deletion.improvements)}</p>
              <button type="submit" className="danger">
                {t.evaluation.delete}
              </button>
            </ConfirmForm>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
