import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { Field } from "~/components/ui/field.tsx";
import { inviteCoordinatorSchema, municipalityConsoleSchema, renameMunicipalitySchema } from "~/forms/operator-console.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { notFound, requireOperator } from "~/http/access.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { t } from "~/i18n/sv.ts";
import { getMunicipalityForConsole, renameMunicipality, setMunicipalityActive } from "~/models/municipality-admin.server.ts";
import { MembershipError } from "~/models/user.server.ts";
import { paths, QUERY } from "~/paths.ts";
import { formatDateTime } from "~/utils/format.ts";
import { invitationNotice, invitePerson } from "~/workflows/invitations.server.ts";
import { InvitationNotice } from "~/components/invitation-notice.tsx";
import { TableFrame } from "~/components/ui/table-frame.tsx";

const m = t.operatorConsole;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "municipality" in data ? data.municipality.name : m.title} – ${m.title} – ${t.app.name}` },
];

async function load(request: Request, slug: string | undefined) {
  const user = await requireOperator(request);
  const municipality = slug ? await getMunicipalityForConsole(slug) : null;
  if (!municipality) throw notFound();
  return { user, municipality };
}

/** One municipality in the operator console: details, members with last sign-in, rename, (re)activate, invite a coordinator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality } = await load(request, params.slug);
  return {
    user: { name: user.name, isOperator: true },
    municipality: {
      ...municipality,
      deactivatedAt: municipality.deactivatedAt?.toISOString() ?? null,
      members: municipality.members.map((x) => ({ ...x, lastSignInAt: x.lastSignInAt?.toISOString() ?? null })),
    },
    submissionKey: newSubmissionKey(),
  };
}

type Result = { intent: string; ok?: string; link?: string | null; errors?: FieldErrors };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await load(request, params.slug);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "").slice(0, 20);
  const parsed = parseForm(municipalityConsoleSchema, form);
  if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
  const input = parsed.data;
  switch (input.intent) {
    case "rename":
      await renameMunicipality(municipality.slug, input.name, user.id);
      return data<Result>({ intent, ok: m.renamed });
    case "deactivate":
      await setMunicipalityActive(municipality.slug, false, user.id);
      return data<Result>({ intent, ok: m.deactivated });
    case "reactivate":
      await setMunicipalityActive(municipality.slug, true, user.id);
      return data<Result>({ intent, ok: m.reactivated });
    case "invite":
      if (!municipality.active) return data<Result>({ intent, errors: { "": m.deactivated } }, { status: 409 });
      try {
        return await oncePerSubmission(
          request,
          form,
          user.id,
          async () => {
            const invited = await invitePerson(municipality, { name: input.name, email: input.email, role: "COORDINATOR" }, user.id);
            return data<Result>({ intent, ...invitationNotice(invited) });
          },
          (answer) => ({ intent, ok: answer.data.ok ?? "", link: null }),
        );
      } catch (error) {
        if (error instanceof MembershipError) return data<Result>({ intent, errors: { email: t.users.alreadyMember } }, { status: 409 });
        throw error;
      }
  }
}

export default function OperatorMunicipality() {
  const { user, municipality } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const rename = useValidatedForm(renameMunicipalitySchema, result?.intent === "rename" ? result.errors : undefined);
  const invite = useValidatedForm(inviteCoordinatorSchema, result?.intent === "invite" ? result.errors : undefined);
  const formError = result?.errors?.[""];
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <p>
          <Link to={paths.operatorConsole()}>{m.back}</Link>
        </p>
        <h1>{municipality.name}</h1>
        <div aria-live="polite">
          {params.get(QUERY.created) && !result ? (
            <p className="notice success" role="status">
              {m.created(municipality.name)}
            </p>
          ) : null}
          {result?.ok ? <InvitationNotice message={result.ok} link={result.link} /> : null}
          {formError ? (
            <p className="notice error" role="alert">
              {formError}
            </p>
          ) : null}
        </div>
        {!municipality.active && municipality.deactivatedAt ? (
          <p className="notice error">{m.deactivatedSince(formatDateTime(municipality.deactivatedAt))}</p>
        ) : null}
        <dl className="facts">
          <dt>{m.address}</dt>
          <dd>
            <Link to={paths.municipality(municipality.slug)}>{paths.municipality(municipality.slug)}</Link>
          </dd>
          <dt>{m.organisationNumber}</dt>
          <dd>{municipality.organisationNumber ?? "–"}</dd>
          <dt>{m.emailDomains}</dt>
          <dd>{municipality.emailDomains.length > 0 ? municipality.emailDomains.join(", ") : m.noDomains}</dd>
          <dt>{m.status}</dt>
          <dd>{municipality.active ? m.active : m.inactive}</dd>
          <dt>{m.planSize}</dt>
          <dd>{municipality.actions}</dd>
        </dl>

        <h2>{m.membersTitle}</h2>
        {municipality.members.length === 0 ? (
          <p>{m.noMembers}</p>
        ) : (
          <TableFrame label={m.membersTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{t.users.email}</th>
                <th scope="col">{m.role}</th>
                <th scope="col">{m.lastSignIn}</th>
                <th scope="col">{t.personalData.column}</th>
              </tr>
            </thead>
            <tbody>
              {municipality.members.map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    {x.name}
                    {!x.activated ? (
                      <>
                        {" "}
                        <span className="badge">{m.pending}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{x.email}</td>
                  <td>{t.roles[x.role]}</td>
                  <td>{x.lastSignInAt ? formatDateTime(x.lastSignInAt) : m.never}</td>
                  <td>
                    <ul className="plain personal-data-links">
                      <li>
                        <a href={paths.operatorPersonalDataExport(x.id)} aria-label={t.personalData.exportLabel(x.name)} download>
                          {t.personalData.exportLink}
                        </a>
                      </li>
                      <li>
                        <Link to={paths.operatorErasePerson(x.id)} aria-label={t.personalData.eraseLabel(x.name)}>
                          {t.personalData.eraseLink}
                        </Link>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        )}

        {municipality.active ? (
          <section className="card" aria-labelledby="invite-heading" style={{ marginTop: "1.5rem" }}>
            <h2 id="invite-heading">{m.inviteTitle}</h2>
            <p>{m.inviteIntro}</p>
            <Form method="post" className="stacked" noValidate onSubmit={invite.onSubmit}>
              <ErrorSummary errors={invite.errors} idFor={(name) => `invite-${name}`} skipFormError />
              <input type="hidden" name="intent" value="invite" />
              <SubmissionKey />
              <Field name="name" id="invite-name" label={m.name} required maxLength={200} autoComplete="off" error={invite.errors.name} />
              <Field name="email" id="invite-email" type="email" label={t.users.email} required maxLength={320} autoComplete="off" error={invite.errors.email} />
              <div>
                <button type="submit">{m.invite}</button>
              </div>
            </Form>
          </section>
        ) : null}

        <section className="card" aria-labelledby="rename-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="rename-heading">{m.renameTitle}</h2>
          <Form method="post" className="stacked" noValidate onSubmit={rename.onSubmit}>
            <ErrorSummary errors={rename.errors} idFor={(name) => `rename-${name}`} skipFormError />
            <input type="hidden" name="intent" value="rename" />
            <Field name="name" id="rename-name" label={m.name} required maxLength={120} defaultValue={municipality.name} autoComplete="off" error={rename.errors.name} />
            <div>
              <button type="submit">{m.rename}</button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="active-heading" style={{ marginTop: "1.5rem" }}>
          {municipality.active ? (
            <>
              <h2 id="active-heading">{m.deactivateTitle}</h2>
              <p>{m.deactivateText}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="deactivate" />
                <button type="submit" className="danger">
                  {m.deactivate}
                </button>
              </Form>
            </>
          ) : (
            <>
              <h2 id="active-heading">{m.reactivateTitle}</h2>
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <button type="submit">{m.reactivate}</button>
              </Form>
            </>
          )}
        </section>
      </main>
    </>
  );
}
