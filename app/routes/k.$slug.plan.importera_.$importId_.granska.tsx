import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { itemField, parseItemChoices } from "~/forms/plan-import.ts";
import { textValues } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { getPlanImport, savePlanImportChoices } from "~/models/plan-import.server.ts";
import { paths } from "~/paths.ts";
import { confirmPlanImport, previewPlanImport } from "~/workflows/plan-import.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.planImport.previewTitle} – ${t.app.name}` }];

async function load(request: Request, params: { slug?: string; importId?: string }) {
  const context = await requireMunicipality(request, params.slug, "actions:manage");
  const id = z.uuid().safeParse(params.importId);
  if (!id.success) throw notFound();
  const stored = await getPlanImport(context.municipality.id, id.data);
  return { ...context, stored };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, stored } = await load(request, params);
  // Gone (kept one day) or never this municipality's: the same answer.
  if (!stored) return data({ municipality, stage: "gone" as const }, { status: 404 });
  if (stored.confirmedAt) return { municipality, stage: "done" as const, count: stored.createdCount };
  if (!stored.mapping) throw redirect(paths.planImportColumns(municipality.slug, stored.id));
  const preview = await previewPlanImport(municipality.id, stored);
  if (!preview) return data({ municipality, stage: "gone" as const }, { status: 404 });
  const { checked: _checked, ...shown } = preview;
  return { municipality, stage: "preview" as const, importId: stored.id, fileName: stored.fileName, submissionKey: newSubmissionKey(), ...shown };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality, stored } = await load(request, params);
  if (!stored) throw notFound();
  const here = paths.planImportPreview(municipality.slug, stored.id);
  const form = await request.formData();
  if (stored.confirmedAt) throw redirect(here);
  const choices = parseItemChoices(textValues(form), new Set(stored.rows.map((r) => r.line)));
  const changed = JSON.stringify(Object.entries(choices).sort()) !== JSON.stringify(Object.entries(stored.choices).sort());
  if (changed) await savePlanImportChoices(municipality.id, stored.id, choices);
  if (form.get("intent") !== "confirm") throw redirect(here);
  return oncePerSubmission(request, form, user.id, async () => {
    const result = await confirmPlanImport(municipality, { ...stored, choices }, user.id);
    if (!result) throw notFound();
    if (!result.ok) return data({ error: result.message }, { status: 400 });
    throw redirect(here);
  });
}

export default function PlanImportPreview() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { municipality } = loaded;
  if (loaded.stage === "gone") {
    return (
      <>
        <h1>{t.planImport.previewTitle}</h1>
        <p className="notice error">{t.planImport.gone}</p>
        <Link to={paths.planImport(municipality.slug)}>{t.planImport.startOver}</Link>
      </>
    );
  }
  if (loaded.stage === "done") {
    return (
      <>
        <h1>{t.planImport.title}</h1>
        <p className="notice success" role="status">
          {t.planImport.done(loaded.count)}
        </p>
        <Link to={paths.plan(municipality.slug)}>{t.planImport.openPlan}</Link>
      </>
    );
  }
  const { rows, items, evaluation, valid, withProblems, invites, fileName, importId } = loaded;
  const error = result?.error ?? (valid ? null : t.planImport.fixFirst);
  return (
    <>
      <h1>{t.planImport.previewTitle}</h1>
      <p className="lead">{t.planImport.previewIntro(fileName, evaluation.year)}</p>
      <p role="status">{t.planImport.summary(rows.length, withProblems, invites)}</p>
      {error ? (
        <p className="notice error" role="alert" id="preview-error">
          {error}
        </p>
      ) : null}
      <Form method="post" className="stacked">
        <SubmissionKey />
        <div className="table-frame" tabIndex={0} role="region" aria-labelledby="rows-caption">
          <table>
            <caption id="rows-caption">{t.planImport.rowsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.planImport.line}</th>
                <th scope="col">{t.planImport.fields.title}</th>
                <th scope="col">{t.planImport.fields.item}</th>
                <th scope="col">{t.planImport.fields.question}</th>
                <th scope="col">{t.planImport.owner}</th>
                <th scope="col">{t.planImport.fields.deadline}</th>
                <th scope="col">{t.planImport.fields.status}</th>
                <th scope="col">{t.planImport.problems}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.line} id={`rad-${row.line}`}>
                  <th scope="row">{row.line}</th>
                  <td>{row.title}</td>
                  <td>
                    {row.choose ? (
                      <>
                        {row.itemText ? <span className="hint">{row.itemText}</span> : null}
                        <label className="visually-hidden" htmlFor={`item-${row.line}`}>
                          {t.planImport.attach(row.line)}
                        </label>
                        <select id={`item-${row.line}`} name={itemField(row.line)} defaultValue={row.itemBy === "hand" ? (row.itemId ?? "") : ""}>
                          <option value="">{t.planImport.chooseItem}</option>
                          {items.map((item) => (
                            <option key={item.id} value={item.id}>
                              {item.label.length > 90 ? `${item.label.slice(0, 89)}…` : item.label}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      <>
                        {row.itemLabel} <span className="hint">({t.planImport.byWording})</span>
                      </>
                    )}
                  </td>
                  <td>{row.questionText}</td>
                  <td>
                    {row.ownerEmail}
                    {row.invite ? <span className="hint"> ({t.planImport.invited})</span> : null}
                  </td>
                  <td>{row.deadline ?? row.deadlineText}</td>
                  <td>{row.status ? t.statuses[row.status] : row.statusText}</td>
                  <td>
                    {row.problems.length === 0 ? (
                      t.planImport.noProblem
                    ) : (
                      <ul>
                        {row.problems.map((problem, index) => (
                          <li key={index} className={problem.blocking ? "field-error" : undefined}>
                            {problem.text}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="inline-form">
          <button type="submit" name="intent" value="confirm" aria-describedby={error ? "preview-error" : undefined}>
            {t.planImport.confirm(rows.length)}
          </button>
          <button type="submit" name="intent" value="update" className="secondary">
            {t.planImport.update}
          </button>
          <Link to={paths.planImportColumns(municipality.slug, importId)}>{t.planImport.changeColumns}</Link>
          <Link to={paths.planImport(municipality.slug)}>{t.planImport.startOver}</Link>
        </div>
      </Form>
    </>
  );
}
