import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { Field } from "~/components/ui/field.tsx";
import { createMunicipalitySchema } from "~/forms/operator-console.ts";
import { parseForm, textValues, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { requireOperator } from "~/http/access.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { t } from "~/i18n/sv.ts";
import {
  createMunicipalityByOperator,
  listMunicipalitiesForConsole,
  MunicipalityAdminError,
  slugTaken,
} from "~/models/municipality-admin.server.ts";
import { notice, paths } from "~/paths.ts";
import { formatDateTime } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

const m = t.operatorConsole;

export const meta: MetaFunction = () => [{ title: `${m.title} – ${t.app.name}` }];

/** The operator console: every municipality with members, plan size and latest sign-in; a new one is created here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOperator(request);
  const municipalities = await listMunicipalitiesForConsole();
  return {
    user: { name: user.name, isOperator: true },
    municipalities: municipalities.map((x) => ({ ...x, lastSignInAt: x.lastSignInAt?.toISOString() ?? null })),
    submissionKey: newSubmissionKey(),
  };
}

type Result = { errors: FieldErrors; values?: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOperator(request);
  const form = await request.formData();
  const parsed = parseForm(createMunicipalitySchema, form);
  const values = textValues(form);
  if (!parsed.ok) return data<Result>({ errors: parsed.errors, values }, { status: 400 });
  const input = parsed.data;
  return oncePerSubmission(request, form, user.id, async () => {
    if (await slugTaken(input.slug)) return data<Result>({ errors: { slug: m.slugTaken }, values }, { status: 409 });
    try {
      const created = await createMunicipalityByOperator(input, user.id);
      return redirect(`${paths.operatorMunicipality(created.slug)}${notice("created")}`);
    } catch (error) {
      if (!(error instanceof MunicipalityAdminError)) throw error;
      const errors = error.code === "organisation-number-taken" ? { organisationNumber: m.organisationNumberTaken } : { slug: m.slugTaken };
      return data<Result>({ errors, values }, { status: 409 });
    }
  });
}

export default function OperatorConsole() {
  const { user, municipalities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(createMunicipalitySchema, result?.errors);
  const values = result?.values ?? {};
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <p>
          <Link to="/drift">{t.operations.title}</Link>
        </p>
        <h1>{m.title}</h1>
        <p className="lead">{m.intro}</p>
        {municipalities.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <TableFrame label={m.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.slug}</th>
                <th scope="col">{m.organisationNumber}</th>
                <th scope="col">{m.status}</th>
                <th scope="col" className="num">{m.members}</th>
                <th scope="col" className="num">{m.planSize}</th>
                <th scope="col">{m.lastSignIn}</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    <Link to={paths.operatorMunicipality(x.slug)}>{x.name}</Link>
                  </th>
                  <td>
                    <code>{x.slug}</code>
                  </td>
                  <td>{x.organisationNumber ?? "–"}</td>
                  <td>{x.active ? m.active : <span className="badge">{m.inactive}</span>}</td>
                  <td className="num">{x.members}</td>
                  <td className="num">{x.actions}</td>
                  <td>{x.lastSignInAt ? formatDateTime(x.lastSignInAt) : m.never}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        )}
        <section className="card" aria-labelledby="create-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="create-heading">{m.createTitle}</h2>
          <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
            <ErrorSummary errors={errors} />
            <input type="hidden" name="intent" value="create" />
            <SubmissionKey />
            <Field name="name" label={m.name} hint={m.nameHint} required maxLength={120} autoComplete="off" defaultValue={values.name} error={errors.name} />
            <Field name="slug" label={m.slugLabel} hint={m.slugHint} required maxLength={40} autoComplete="off" defaultValue={values.slug} error={errors.slug} />
            <Field
              name="organisationNumber"
              label={m.organisationNumber}
              hint={m.organisationNumberHint}
              required
              maxLength={11}
              inputMode="numeric"
              autoComplete="off"
              defaultValue={values.organisationNumber}
              error={errors.organisationNumber}
            />
            <Field name="emailDomains" label={m.emailDomains} hint={m.emailDomainsHint} autoComplete="off" defaultValue={values.emailDomains} error={errors.emailDomains} />
            <div>
              <button type="submit">{m.create}</button>
            </div>
          </Form>
        </section>
      </main>
    </>
  );
}
