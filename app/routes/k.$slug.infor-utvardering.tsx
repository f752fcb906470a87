import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AreaScoreChart } from "~/components/charts/area-score-chart.tsx";
import { ProgressChart } from "~/components/charts/progress-chart.tsx";
import { readinessSeries } from "~/components/charts/readiness-series.ts";
import { FigureCells, FigureHeadings } from "~/components/figures.tsx";
import { Field } from "~/components/ui/field.tsx";
import { FieldError } from "~/components/ui/field-error.tsx";
import { can } from "~/domain/access.ts";
import { stockholmDate } from "~/domain/dates.ts";
import { evaluationTargetSchema } from "~/forms/evaluation-target.ts";
import { likelihoodWeightsSchema } from "~/forms/likelihood-weights.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { WHAT_IF_QUERY } from "~/forms/what-if.ts";
import { getNextEvaluationDate, setEvaluationTarget } from "~/models/municipality.server.ts";
import { LIKELIHOOD_RULES } from "~/domain/projection.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { readinessPage } from "~/workflows/readiness-page.server.ts";
import { chooseWeights, currentFit, fitText } from "~/workflows/likelihood-weights.server.ts";
import { saveNextVersion } from "~/workflows/readiness-version.server.ts";
import { formatDate, formatPoints } from "~/utils/format.ts";
import { targetLine } from "~/utils/report-text.ts";
import { correspondencePaths, paths } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";
import { QuestionFold } from "~/components/readiness/question-fold.tsx";

export const meta: MetaFunction = () => [{ title: `${t.readiness.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, user, role } = await requireMunicipality(request, params.slug);
  const canManage = can({ isOperator: user.isOperator, role }, "actions:manage");
  // The what-if sandbox moved to a page of its own (ADR 0047): an address saved from before still leads there.
  const search = new URL(request.url).search;
  if (new URLSearchParams(search).get(WHAT_IF_QUERY.run) === "1") throw redirect(paths.whatIf(municipality.slug) + search);
  const [page, fit] = await Promise.all([readinessPage(municipality.id, new Date()), currentFit(municipality.id)]);
  return { municipality, canManage, ...page, fit: fitText(fit) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const form = await request.formData();
  const none = { saved: false, weightsSaved: false, versionSaved: false };
  if (form.get("intent") === "weights") {
    const choice = parseForm(likelihoodWeightsSchema, form);
    if (!choice.ok) return data({ ...none, errors: choice.errors as FieldErrors }, { status: 400 });
    const chosen = await chooseWeights(municipality.id, choice.data.weights, user.id);
    if (!chosen.ok) return data({ ...none, errors: { weights: chosen.message } as FieldErrors }, { status: 400 });
    return { ...none, errors: {} as FieldErrors, weightsSaved: true };
  }
  if (form.get("intent") === "next-version") {
    const errors = await saveNextVersion(municipality.id, form, user.id);
    if (errors) return data({ ...none, errors }, { status: 400 });
    return { ...none, errors: {} as FieldErrors, versionSaved: true };
  }
  const parsed = parseForm(evaluationTargetSchema(stockholmDate(new Date()), await getNextEvaluationDate(municipality.id)), form);
  if (!parsed.ok) return data({ ...none, errors: parsed.errors as FieldErrors }, { status: 400 });
  await setEvaluationTarget(municipality.id, parsed.data, user.id);
  return { ...none, errors: {} as FieldErrors, saved: true };
}

export default function Readiness() {
  const { municipality, result, scoreDifference, where, previous, canManage, progress, fit } = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  if (!result || !progress) {
    return (
      <>
        <h1>{t.readiness.title}</h1>
        <p className="notice">{t.readiness.noEvaluation}</p>
      </>
    );
  }
  const { projection } = result;
  const { doneWithoutEvidence } = result;
  const questionsByArea = new Map<number, typeof projection.questions>();
  for (const q of projection.questions) questionsByArea.set(q.area, [...(questionsByArea.get(q.area) ?? []), q]);
  const head = (
    <tr>
      <th scope="col">{t.start.area}</th>
      <FigureHeadings />
    </tr>
  );
  return (
    <>
      <h1>{t.readiness.title}</h1>
      <p className="lead">{t.readiness.intro(result.nextEvaluationDate ? formatDate(result.nextEvaluationDate) : null)}</p>
      {result.nextVersion.moved ? (
        <p className="notice" role="note">
          {t.correspondence.inVersion(result.nextVersion.name, result.nextVersion.latestName)}{" "}
          <Link
            to={correspondencePaths.municipality(municipality.slug, {
              from: result.nextVersion.fromKey ?? undefined,
              to: result.nextVersion.toKey ?? undefined,
            })}
          >
            {t.correspondence.editLink}
          </Link>
        </p>
      ) : null}
      {result.targetTotal !== null ? (
        <p className="notice">
          {targetLine(result.targetTotal, projection.total.likely)}
        </p>
      ) : null}
      {canManage ? (
        <section className="card" aria-labelledby="target-heading">
          <h2 id="target-heading">{t.readiness.targetTitle}</h2>
          <p>{t.readiness.targetIntro}</p>
          {saved?.saved ? (
            <p className="notice" role="status">
              {t.readiness.saved}
            </p>
          ) : null}
          <Form method="post" className="form-grid" noValidate>
            <ErrorSummary errors={saved?.errors ?? {}} fields={["nextEvaluationDate", "targetTotal"]} />
            <Field
              name="nextEvaluationDate"
              type="date"
              label={t.readiness.nextEvaluation}
              defaultValue={result.nextEvaluationDate ?? ""}
              error={saved?.errors.nextEvaluationDate}
            />
            <Field
              name="targetTotal"
              inputMode="decimal"
              label={t.readiness.targetTotal}
              hint={t.readiness.targetHint}
              defaultValue={result.targetTotal === null ? "" : formatPoints(result.targetTotal)}
              error={saved?.errors.targetTotal}
            />
            <div>
              <button type="submit">{t.readiness.save}</button>
            </div>
          </Form>
        </section>
      ) : null}
      {canManage && result.setting.choices.length > 1 ? (
        <section className="card" aria-labelledby="version-heading">
          <h2 id="version-heading">{t.correspondence.versionTitle}</h2>
          <p>{t.correspondence.versionIntro}</p>
          {saved?.versionSaved ? (
            <p className="notice" role="status">
              {t.correspondence.versionSaved}
            </p>
          ) : null}
          <Form method="post" className="form-grid" noValidate>
            <ErrorSummary errors={saved?.errors ?? {}} fields={["nextFrameworkVersionId"]} skipFormError />
            <input type="hidden" name="intent" value="next-version" />
            <Field name="nextFrameworkVersionId" label={t.correspondence.versionField} error={saved?.errors.nextFrameworkVersionId}>
              {(control) => (
                <select {...control} defaultValue={result.setting.chosenVersionId ?? ""}>
                  <option value="">{t.correspondence.versionAuto(result.setting.defaultName)}</option>
                  {result.setting.choices.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div>
              <button type="submit">{t.correspondence.versionSave}</button>
            </div>
          </Form>
        </section>
      ) : null}
      {result.nextVersion.moved ? (
        <section className="card" aria-labelledby="counterpart-heading">
          <h2 id="counterpart-heading">{t.correspondence.withoutCounterpartTitle}</h2>
          {result.nextVersion.actionsWithoutCounterpart.length === 0 ? (
            <p>{t.correspondence.allHaveCounterpart}</p>
          ) : (
            <>
              <p>{t.correspondence.withoutCounterpartIntro}</p>
              <ul>
                {result.nextVersion.actionsWithoutCounterpart.map((a) => (
                  <li key={a.id}>
                    <Link to={paths.action(municipality.slug, a.id)}>{t.correspondence.withoutCounterpartItem(a.title, a.codes.join(", "), a.none)}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.nextVersion.questionsWithoutCounterpart.length > 0 ? (
            <p className="muted">{t.correspondence.questionsWithoutCounterpart(result.nextVersion.questionsWithoutCounterpart.join(", "))}</p>
          ) : null}
        </section>
      ) : null}
      <section className="card" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{t.evaluation.title(result.evaluation.year)} → {t.readiness.title.toLowerCase()}</h2>
        <TableFrame label={t.evaluation.title(result.evaluation.year)}>
        <table>
          <thead>{head}</thead>
          <tbody>
            {projection.areas.map((a) => (
              <tr key={a.number}>
                <th scope="row">
                  <a href={`#area-${a.number}`}>{a.number}</a>
                </th>
                <FigureCells figures={a} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t.readiness.total}</th>
              <FigureCells figures={projection.total} />
            </tr>
          </tfoot>
        </table>
        </TableFrame>
        {scoreDifference ? (
          <p className="notice" data-testid="score-difference">
            {scoreDifference}
          </p>
        ) : null}
        {doneWithoutEvidence > 0 ? <p>{t.numbers.doneWithoutEvidenceCount(doneWithoutEvidence)}</p> : null}
      </section>
      <section className="card" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t.readiness.chartTitle}</h2>
        <AreaScoreChart
          areas={projection.areas.map((a) => ({ number: a.number, name: `${t.start.area} ${a.number}`, maxPoints: a.maxPoints }))}
          series={readinessSeries(projection.areas, previous)}
          title={t.readiness.chartTitle}
          description={t.readiness.chartDescription}
        />
      </section>
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t.readiness.progressTitle}</h2>
        <p>{t.readiness.progressSummary(result.doneCount, progress.total)}</p>
        <ProgressChart progress={progress} />
      </section>
      <section className="card" aria-labelledby="whatif-heading">
        <h2 id="whatif-heading">{t.readiness.whatIfTitle}</h2>
        <p>{t.readiness.whatIfIntro}</p>
        <p>
          <Link to={paths.whatIf(municipality.slug)}>{t.readiness.whatIfOpen}</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t.readiness.rulesTitle}</h2>
        <p>{t.readiness.rulesIntro}</p>
        <ul>
          {LIKELIHOOD_RULES.map((r) => (
            <li key={r.id}>{r.text}</li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="weights-heading">
        <h2 id="weights-heading">{t.outcome.weightsTitle}</h2>
        <p>{t.outcome.weightsIntro}</p>
        {fit.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {result.weights.own ? (
          <>
            <p>{t.outcome.weightsInUse}</p>
            <ul>
              {LIKELIHOOD_RULES.map((r) => (
                <li key={r.id}>{t.outcome.weightOf(t.outcome.ruleNames[r.id] ?? r.id, Math.round(result.weights.values[r.id] * 100))}</li>
              ))}
            </ul>
          </>
        ) : null}
        {canManage ? (
          <Form method="post" className="stacked" noValidate>
            <ErrorSummary errors={saved?.errors ?? {}} fields={["weights"]} skipFormError />
            <input type="hidden" name="intent" value="weights" />
            {saved?.weightsSaved ? (
              <p className="notice" role="status">
                {t.outcome.weightsSaved}
              </p>
            ) : null}
            <fieldset aria-describedby={saved?.errors.weights ? "weights-error" : undefined}>
              <legend>{t.outcome.weightsChoice}</legend>
              <label>
                <input type="radio" id="field-weights" name="weights" value="default" defaultChecked={!result.weights.chosen} /> {t.outcome.weightsDefault}
              </label>{" "}
              <label>
                <input type="radio" name="weights" value="own" defaultChecked={result.weights.chosen} /> {t.outcome.weightsOwn}
              </label>
              <FieldError name="weights" errors={saved?.errors ?? {}} />
            </fieldset>
            <div>
              <button type="submit">{t.outcome.weightsSave}</button>
            </div>
          </Form>
        ) : null}
      </section>
      <section className="card" aria-labelledby="where-heading">
        <h2 id="where-heading">{t.readiness.whereTitle}</h2>
        <p>{t.readiness.whereIntro}</p>
        <TableFrame label={t.readiness.whereTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.evaluation.code}</th>
              <th scope="col">{t.evaluation.question}</th>
              <th scope="col" className="num">{t.readiness.open}</th>
              <th scope="col" className="num">{t.readiness.actions}</th>
              <th scope="col">
                <span className="visually-hidden">{t.readiness.flags}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {where.map((w) => (
              <tr key={w.code}>
                <td>{w.code}</td>
                <td>{w.text}</td>
                <td className="num">{formatPoints(w.open)}</td>
                <td className="num">{w.actions}</td>
                <td>
                  {w.largeGapWithoutAction ? <span className="badge late">{t.readiness.flagNoAction}</span> : null}
                  {canManage && w.newActionItemId ? (
                    <>
                      {" "}
                      <Link to={paths.newAction(municipality.slug, w.newActionItemId, w.code)}>
                        {t.plan.newAction}
                        <span className="visually-hidden"> {t.readiness.newActionFor(w.code)}</span>
                      </Link>
                    </>
                  ) : null}
                  {w.actionsAfterEvaluation > 0 ? <span className="badge late">{t.readiness.flagAfter(w.actionsAfterEvaluation)}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      </section>
      {projection.areas.map((a) => (
        <section key={a.number} id={`area-${a.number}`} className="card" aria-labelledby={`area-heading-${a.number}`}>
          <h2 id={`area-heading-${a.number}`}>
            {t.start.area} {a.number}
          </h2>
          <details className="readiness-area">
          <summary>{t.phone.areaQuestions((questionsByArea.get(a.number) ?? []).length)}</summary>
          {(questionsByArea.get(a.number) ?? []).map((q) => (
            // Keyed by municipality too: a fold never keeps what it read for another municipality.
            <QuestionFold key={`${municipality.slug}:${q.code}`} slug={municipality.slug} question={q} />
          ))}
          </details>
        </section>
      ))}
    </>
  );
}
