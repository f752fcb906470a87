import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { Field } from "~/components/ui/field.tsx";
import { NewPasswordFields } from "~/components/new-password-fields.tsx";
import { changePasswordSchema, endAllSessionsSchema, endSessionSchema, renameSchema } from "~/forms/account.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { requireUser } from "~/http/access.server.ts";
import { clearSessionCookie, currentSessionKey } from "~/http/session.server.ts";
import { t } from "~/i18n/sv.ts";
import { changeOwnPassword, endAllOwnSessions, endOwnSession, listOwnSessions, renameSelf } from "~/models/account.server.ts";
import { notice, paths, QUERY } from "~/paths.ts";
import { formatDateTime } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

/**
 * Mitt konto: a signed-in person's own name, password and sessions. Everything here acts on the
 * session's own user only; a session key of someone else's session matches nothing.
 */
export const meta: MetaFunction = () => [{ title: `${t.account.title} – ${t.app.name}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await currentSessionKey(request);
  const sessions = await listOwnSessions(user.id);
  return {
    user: { name: user.name, email: user.email, isOperator: user.isOperator, twoStepEnabled: user.twoStepEnabled },
    sessions: sessions.map((s) => ({
      key: s.key,
      device: s.device,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: (s.lastSeenAt ?? s.createdAt).toISOString(),
      current: s.key === current,
    })),
  };
}

type Result = { intent: string; errors?: FieldErrors; ok?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "name") {
    const parsed = parseForm(renameSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
    await renameSelf(user.id, parsed.data.name);
    return redirect(paths.account(notice("saved")));
  }
  if (intent === "password") {
    const parsed = parseForm(changePasswordSchema, form);
    if (!parsed.ok) return data<Result>({ intent, errors: parsed.errors }, { status: 400 });
    const changed = await changeOwnPassword(
      user,
      parsed.data.current,
      parsed.data.password,
      await currentSessionKey(request),
      context.ip ?? "unknown",
    );
    if (changed.ok) return data<Result>({ intent, ok: t.account.passwordChanged });
    if (changed.reason === "throttled") {
      const seconds = Math.ceil(changed.retryAfterMs / 1000);
      return data<Result>({ intent, errors: { current: t.account.throttled(seconds) } }, { status: 429, headers: { "Retry-After": String(seconds) } });
    }
    const message = changed.reason === "no-password" ? t.account.noPassword : t.account.currentWrong;
    return data<Result>({ intent, errors: { current: message } }, { status: changed.reason === "no-password" ? 409 : 400 });
  }
  if (intent === "end-session") {
    const parsed = parseForm(endSessionSchema, form);
    // Another person's session, an ended one or a made-up key: all the same answer, nothing ended.
    if (!parsed.ok || !(await endOwnSession(user.id, parsed.data.session))) {
      return data<Result>({ intent, errors: { "": t.account.sessionGone } }, { status: 404 });
    }
    if (parsed.data.session === (await currentSessionKey(request))) return clearSessionCookie("/logga-in?utloggad=1");
    return redirect(paths.account(notice("deleted")));
  }
  if (parseForm(endAllSessionsSchema, form).ok) {
    await endAllOwnSessions(user.id);
    return clearSessionCookie("/logga-in?utloggad=1");
  }
  return data<Result>({ intent, errors: { "": t.errors.badForm } }, { status: 400 });
}

export default function Account() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const rename = useValidatedForm(renameSchema, result?.intent === "name" ? result.errors : undefined);
  const password = useValidatedForm(changePasswordSchema, result?.intent === "password" ? result.errors : undefined);
  const formError = result?.errors?.[""];
  // The notice of this post first; a notice in the address belongs to the post before it.
  const status = result ? result.ok : params.get(QUERY.saved) ? t.account.nameSaved : params.get(QUERY.deleted) ? t.account.sessionEnded : null;
  return (
    <>
      <SiteHeader user={user} roleLabel={user.isOperator ? t.roles.OPERATOR : undefined} />
      <main id="main" className="page">
        <h1>{t.account.title}</h1>
        <p className="lead">{t.account.intro(user.email)}</p>
        <div aria-live="polite">
          {status ? (
            <p className="notice success" role="status">
              {status}
            </p>
          ) : null}
          {formError ? (
            <p className="notice error" role="alert">
              {formError}
            </p>
          ) : null}
        </div>

        <section className="card" aria-labelledby="account-name">
          <h2 id="account-name">{t.account.nameHeading}</h2>
          <Form method="post" action={paths.account()} className="stacked" noValidate onSubmit={rename.onSubmit}>
            <ErrorSummary errors={rename.errors} skipFormError />
            <input type="hidden" name="intent" value="name" />
            <Field
              name="name"
              label={t.account.name}
              hint={t.account.nameHint}
              autoComplete="name"
              defaultValue={user.name}
              maxLength={200}
              required
              error={rename.errors.name}
            />
            <div>
              <button type="submit">{t.account.nameSubmit}</button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="account-password">
          <h2 id="account-password">{t.account.passwordHeading}</h2>
          <Form method="post" action={paths.account()} className="stacked" noValidate onSubmit={password.onSubmit}>
            <ErrorSummary errors={password.errors} skipFormError />
            <input type="hidden" name="intent" value="password" />
            <input type="text" name="username" autoComplete="username" defaultValue={user.email} hidden readOnly />
            <Field
              name="current"
              type="password"
              label={t.account.currentPassword}
              autoComplete="current-password"
              required
              error={password.errors.current}
            />
            <NewPasswordFields labels={{ password: t.account.newPassword, hint: t.account.newPasswordHint, confirm: t.account.confirm }} errors={password.errors} />
            <div>
              <button type="submit">{t.account.passwordSubmit}</button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="account-sessions">
          <h2 id="account-sessions">{t.account.sessionsHeading}</h2>
          <p>{t.account.sessionsIntro}</p>
          <TableFrame label={t.account.sessionsHeading}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.account.device}</th>
                <th scope="col">{t.account.signedInAt}</th>
                <th scope="col">{t.account.lastSeen}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.account.endSession}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => {
                const device = s.device ?? t.account.unknownDevice;
                const signedIn = formatDateTime(s.createdAt);
                return (
                  <tr key={s.key}>
                    <td>
                      {device}
                      {s.current ? (
                        <>
                          {" "}
                          <span className="badge">{t.account.thisSession}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{signedIn}</td>
                    <td>{formatDateTime(s.lastSeenAt)}</td>
                    <td>
                      <Form method="post" action={paths.account()} className="inline-form">
                        <input type="hidden" name="intent" value="end-session" />
                        <input type="hidden" name="session" value={s.key} />
                        <button type="submit" className="secondary" aria-label={t.account.endSessionLabel(device, signedIn)}>
                          {t.account.endSession}
                        </button>
                      </Form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </TableFrame>
          <Form method="post" action={paths.account()} className="stacked">
            <input type="hidden" name="intent" value="end-all" />
            <p className="muted">{t.account.endAllHint}</p>
            <div>
              <button type="submit" className="secondary">
                {t.account.endAll}
              </button>
            </div>
          </Form>
        </section>

        <section className="card" aria-labelledby="account-security">
          <h2 id="account-security">{t.account.securityHeading}</h2>
          <p>{user.twoStepEnabled ? t.account.twoStepOn : t.account.twoStepOff}</p>
          <ul>
            <li>
              <Link to={paths.twoStepSetup()}>{t.account.twoStepLink}</Link>
            </li>
            <li>
              <a href={paths.myPersonalData()} download>
                {t.personalData.myDataLink}
              </a>
            </li>
          </ul>
        </section>
      </main>
    </>
  );
}
