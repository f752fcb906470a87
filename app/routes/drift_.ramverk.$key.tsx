import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { Field } from "~/components/ui/field.tsx";
import { FRAMEWORK_LIMITS, formatMax } from "~/domain/framework-version.ts";
import { editField, editFrameworkVersionSchema, frameworkVersionStatusSchema } from "~/forms/framework-version.ts";
import { parseForm, textValues, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { notFound, requireOperator } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { FrameworkAdminError, getFrameworkVersionForConsole, setFrameworkVersionRetired, updateFrameworkVersion } from "~/models/framework-admin.server.ts";
import { paths, QUERY } from "~/paths.ts";
import { formatDateTime } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

const m = t.frameworkAdmin;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "version" in data ? data.version.name : m.title} – ${m.title} – ${t.app.name}` },
];

async function load(request: Request, key: string | undefined) {
  const user = await requireOperator(request);
  const found = key ? await getFrameworkVersionForConsole(key) : null;
  if (!found) throw notFound();
  return { user, found };
}

/** One framework version for operators: areas, sub-questions, which evaluations use it; correct texts (maxima while unused), retire, reactivate, download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, found } = await load(request, params.key);
  return {
    user: { name: user.name, isOperator: true },
    version: found.version,
    retiredAt: found.retiredAt?.toISOString() ?? null,
    evaluations: found.evaluations,
    usage: found.usage,
  };
}

type Result = { intent: string; ok?: string; errors?: FieldErrors; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await load(request, params.key);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "").slice(0, 20);
  const key = found.version.key;
  if (intent === "edit") {
    const values = textValues(form);
    const parsed = parseForm(editFrameworkVersionSchema(found.version), form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors, values }, { status: 400 });
    try {
      const changed = await updateFrameworkVersion(key, parsed.data, user.id);
      return data<Result>({ intent, ok: changed > 0 ? m.saved : m.unchanged });
    } catch (error) {
      if (error instanceof FrameworkAdminError && error.code === "max-locked") {
        return data<Result>({ intent, errors: { "": m.errors.maxLocked(error.evaluations) }, values }, { status: 409 });
      }
      throw error;
    }
  }
  const parsed = parseForm(frameworkVersionStatusSchema, form);
  if (!parsed.ok) return data<Result>({ intent, errors: { "": t.errors.badForm } }, { status: 400 });
  const retire = parsed.data.intent === "retire";
  await setFrameworkVersionRetired(key, retire, user.id);
  return data<Result>({ intent, ok: retire ? m.retiredNotice : m.reactivatedNotice });
}

export default function FrameworkVersionPage() {
  const { user, version, retiredAt, evaluations, usage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const edit = useValidatedForm(editFrameworkVersionSchema(version), result?.intent === "edit" ? result.errors : undefined);
  const values = result?.intent === "edit" && result.errors ? (result.values ?? {}) : null;
  const value = (name: string, stored: string | number) => values?.[name] ?? (typeof stored === "number" ? formatMax(stored) : stored);
  const formError = result?.errors?.[""];
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <p>
          <Link to={paths.operatorFrameworks()}>{m.back}</Link>
        </p>
        <h1>{version.name}</h1>
        <p className="lead">{m.detailIntro(version.key, version.firstYear)}</p>
        <div aria-live="polite">
          {params.get(QUERY.created) && !result ? (
            <p className="notice success" role="status">
              {m.created(version.name)}
            </p>
          ) : null}
          {result?.ok ? (
            <p className="notice success" role="status">
              {result.ok}
            </p>
          ) : null}
          {formError ? (
            <p className="notice error" role="alert">
              {formError}
            </p>
          ) : null}
        </div>
        {retiredAt ? <p className="notice">{m.retiredSince(formatDateTime(retiredAt))}</p> : null}
        <p>
          {m.download}: <a href={paths.operatorFrameworkFile(version.key, "xlsx")}>{m.downloadXlsx}</a> ·{" "}
          <a href={paths.operatorFrameworkFile(version.key, "json")}>{m.downloadJson}</a>
        </p>

        <h2>{m.usedBy}</h2>
        {usage.length === 0 ? (
          <p>{m.usedByNone}</p>
        ) : (
          <TableFrame label={m.usedBy}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.municipality}</th>
                <th scope="col" className="num">{m.count}</th>
                <th scope="col">{m.years}</th>
              </tr>
            </thead>
            <tbody>
              {usage.map((u) => (
                <tr key={u.slug}>
                  <th scope="row">
                    <Link to={paths.operatorMunicipality(u.slug)}>{u.name}</Link>
                  </th>
                  <td className="num">{u.count}</td>
                  <td>{u.years.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        )}

        <h2>{m.areas}</h2>
        {version.areas.map((area) => (
          <section key={area.number} aria-labelledby={`area-${area.number}`}>
            <h3 id={`area-${area.number}`}>
              {m.areaHeading(area.number, area.name)} <span className="hint">({m.areaMax(formatMax(area.maxPoints))})</span>
            </h3>
            {area.questions.length === 0 ? (
              <p>
                <span className="badge">{m.questionsMissing}</span> {m.noQuestions}
              </p>
            ) : (
              <TableFrame label={m.areaHeading(area.number, area.name)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{m.code}</th>
                    <th scope="col">{m.question}</th>
                    <th scope="col" className="num">{m.maxPoints}</th>
                  </tr>
                </thead>
                <tbody>
                  {area.questions.map((q) => (
                    <tr key={q.code}>
                      <th scope="row">{q.code}</th>
                      <td>{q.text}</td>
                      <td className="num">{formatMax(q.maxPoints)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </TableFrame>
            )}
          </section>
        ))}

        <section className="card" aria-labelledby="edit-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="edit-heading">{m.editTitle}</h2>
          <p>{m.editIntro}</p>
          {evaluations > 0 ? <p>{m.editLockedMax(evaluations)}</p> : null}
          <Form method="post" className="stacked" noValidate onSubmit={edit.onSubmit}>
            <ErrorSummary errors={edit.errors} idFor={(name) => (name === "name" ? "edit-name" : `field-${name}`)} skipFormError />
            <input type="hidden" name="intent" value="edit" />
            <Field name="name" id="edit-name" label={m.name} required maxLength={FRAMEWORK_LIMITS.nameLength} autoComplete="off" defaultValue={value("name", version.name)} error={edit.errors.name} />
            {version.areas.map((area) => (
              <fieldset key={area.number}>
                <legend>{m.areaHeading(area.number, area.name)}</legend>
                <Field
                  name={editField.areaName(area.number)}
                  label={m.areaName(area.number)}
                  required
                  maxLength={FRAMEWORK_LIMITS.areaNameLength}
                  autoComplete="off"
                  defaultValue={value(editField.areaName(area.number), area.name)}
                  error={edit.errors[editField.areaName(area.number)]}
                />
                <Field
                  name={editField.areaMax(area.number)}
                  label={m.areaMaxLabel(area.number)}
                  required
                  inputMode="decimal"
                  maxLength={10}
                  autoComplete="off"
                  defaultValue={value(editField.areaMax(area.number), area.maxPoints)}
                  error={edit.errors[editField.areaMax(area.number)]}
                />
                {area.questions.map((q) => (
                  <div key={q.code} className="inline-fields">
                    <Field
                      name={editField.questionText(q.code)}
                      label={m.questionText(q.code)}
                      required
                      maxLength={FRAMEWORK_LIMITS.questionTextLength}
                      autoComplete="off"
                      defaultValue={value(editField.questionText(q.code), q.text)}
                      error={edit.errors[editField.questionText(q.code)]}
                    />
                    <Field
                      name={editField.questionMax(q.code)}
                      label={m.questionMax(q.code)}
                      required
                      inputMode="decimal"
                      maxLength={10}
                      autoComplete="off"
                      defaultValue={value(editField.questionMax(q.code), q.maxPoints)}
                      error={edit.errors[editField.questionMax(q.code)]}
                    />
                  </div>
                ))}
              </fieldset>
            ))}
            <div>
              <button type="submit">{m.save}</button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="retire-heading" style={{ marginTop: "1.5rem" }}>
          {retiredAt ? (
            <>
              <h2 id="retire-heading">{m.reactivateTitle}</h2>
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <button type="submit">{m.reactivate}</button>
              </Form>
            </>
          ) : (
            <>
              <h2 id="retire-heading">{m.retireTitle}</h2>
              <p>{m.retireText}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="retire" />
                <button type="submit" className="danger">
                  {m.retire}
                </button>
              </Form>
            </>
          )}
        </section>
      </main>
    </>
  );
}
