import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { COMMITTEE_NAME_MAX, committeeSchema } from "~/forms/committee.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { createCommittee, listCommittees, removeCommittee, renameCommittee } from "~/models/committee.server.ts";
import { committeeQuery, paths } from "~/paths.ts";

/** Issue #14, item 5: the committees and departments (nämnder och förvaltningar) a coordinator keeps. */

export const meta: MetaFunction = () => [{ title: `${t.committees.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  return { municipality, committees: await listCommittees(municipality.id) };
}

interface Result {
  errors: FieldErrors;
  /** The form the errors belong to: "create", or the entry renamed or removed. */
  target: string;
  notice: string | null;
  /** The name as posted, shown again after a refusal. */
  name?: string;
  /** Set after a refused removal: the plan filtered by that committee, to move its actions. */
  showActions?: { committeeId: string; count: number };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const target = intent === "create" ? "create" : String(form.get("id") ?? "");
  const name = String(form.get("name") ?? "");
  const parsed = parseForm(committeeSchema, form);
  if (!parsed.ok) return data<Result>({ errors: parsed.errors, target, notice: null, name }, { status: 400 });
  const input = parsed.data;
  const e = t.committees.errors;
  const result =
    input.intent === "create"
      ? await createCommittee(municipality.id, input.name, user.id)
      : input.intent === "rename"
        ? await renameCommittee(municipality.id, input.id, input.name, user.id)
        : await removeCommittee(municipality.id, input.id, user.id);
  if (!result.ok) {
    if (result.reason === "in-use")
      return data<Result>(
        { errors: { "": e.inUse(result.name, result.count) }, target, notice: null, showActions: { committeeId: target, count: result.count } },
        { status: 409 },
      );
    if (result.reason === "duplicate") return data<Result>({ errors: { name: e.duplicate }, target, notice: null, name }, { status: 409 });
    return data<Result>({ errors: { "": e.gone }, target, notice: null }, { status: 404 });
  }
  const notice =
    input.intent === "create" ? t.committees.created(result.name) : input.intent === "rename" ? t.committees.renamed(result.name) : t.committees.deleted(result.name);
  return data<Result>({ errors: {}, target, notice });
}

export default function Committees() {
  const { municipality, committees } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const c = t.committees;
  const errorsFor = (target: string) => (result?.target === target ? result.errors : {});
  const createErrors = errorsFor("create");
  return (
    <>
      <p>
        <Link to={paths.plan(municipality.slug)}>{t.plan.title}</Link>
      </p>
      <h1>{c.title}</h1>
      <p className="lead">{c.intro}</p>
      {result?.notice ? (
        <p className="notice success" role="status">
          {result.notice}
        </p>
      ) : null}
      {result?.errors[""] ? (
        <div className="notice error" role="alert">
          <p>{result.errors[""]}</p>
          {result.showActions ? (
            <p>
              <Link to={paths.plan(municipality.slug, committeeQuery(result.showActions.committeeId))}>{c.showActions(result.showActions.count)}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {/* Remounted after each success, so the field is empty for the next entry. */}
      <Form method="post" className="card stacked" aria-labelledby="add-heading" key={result?.notice ?? "add"}>
        <h2 id="add-heading">{c.addTitle}</h2>
        <input type="hidden" name="intent" value="create" />
        <Field
          name="name"
          id="committee-name"
          label={c.name}
          hint={c.nameHint}
          maxLength={COMMITTEE_NAME_MAX}
          autoComplete="off"
          required
          defaultValue={result?.target === "create" && result.notice === null ? result.name : ""}
          error={createErrors.name}
        />
        <div>
          <button type="submit">{c.add}</button>
        </div>
      </Form>
      <section className="card" aria-labelledby="list-heading">
        <h2 id="list-heading">{c.listTitle}</h2>
        <p className="hint">{c.removeHint}</p>
        {committees.length === 0 ? (
          <p>{c.empty}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{c.nameColumn}</th>
                <th scope="col" className="num">
                  {c.usedColumn}
                </th>
                <th scope="col">{c.changeColumn}</th>
              </tr>
            </thead>
            <tbody>
              {committees.map((entry) => {
                const errors = errorsFor(entry.id);
                const inputId = `rename-${entry.id}`;
                return (
                  <tr key={entry.id}>
                    <th scope="row">{entry.name}</th>
                    <td className="num">
                      {entry.actions > 0 ? (
                        <Link to={paths.plan(municipality.slug, committeeQuery(entry.id))}>{entry.actions}</Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td>
                      <Form method="post" className="inline-form" key={`${entry.id}-${entry.name}`}>
                        <input type="hidden" name="intent" value="rename" />
                        <input type="hidden" name="id" value={entry.id} />
                        <label htmlFor={inputId} className="visually-hidden">
                          {c.renameLabel(entry.name)}
                        </label>
                        <input
                          id={inputId}
                          name="name"
                          defaultValue={errors.name ? result?.name : entry.name}
                          maxLength={COMMITTEE_NAME_MAX}
                          required
                          autoComplete="off"
                          aria-invalid={errors.name ? true : undefined}
                          aria-describedby={errors.name ? `${inputId}-error` : undefined}
                        />
                        <button type="submit" className="secondary">
                          {c.rename}
                        </button>
                        {errors.name ? (
                          <span className="field-error" id={`${inputId}-error`}>
                            {errors.name}
                          </span>
                        ) : null}
                      </Form>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={entry.id} />
                        <button type="submit" className="secondary" aria-label={c.removeLabel(entry.name)}>
                          {c.remove}
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
