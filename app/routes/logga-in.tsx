import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { signInLinkSchema, signInSchema } from "~/forms/sign-in.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { beginSignInAttempt, markSignInSucceeded } from "~/models/session.server.ts";
import { homePathFor, normaliseEmail, verifyLogin } from "~/models/user.server.ts";
import { paths } from "~/paths.ts";
import { getSessionUser, safeRedirect } from "~/http/session.server.ts";
import { completeSignIn, recordFailedSignIn } from "~/workflows/sign-in.server.ts";
import { mailSignInLink } from "~/workflows/sign-in-link.server.ts";
import { oidcSignInOffer } from "~/workflows/oidc-sign-in.server.ts";
import { OidcSignInButtons } from "~/components/oidc-sign-in-buttons.tsx";
import { FormError, SignedOutPage } from "~/components/signed-out-page.tsx";

export const meta: MetaFunction = () => [{ title: `${t.signIn.title} – ${t.app.name}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(await homePathFor(user.id));
  return { oidc: await oidcSignInOffer(new URL(request.url).searchParams) };
}

type Result = { errors: FieldErrors; throttledEmail?: string; linkSent?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "link") {
    const parsed = parseForm(signInLinkSchema, form);
    if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
    // The same answer whether or not the address has an account.
    await mailSignInLink(normaliseEmail(parsed.data.email));
    return data<Result>({ errors: {}, linkSent: true });
  }
  const parsed = parseForm(signInSchema, form);
  if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
  const email = normaliseEmail(parsed.data.email);
  const ip = context.ip ?? "unknown";

  const attempt = await beginSignInAttempt(email, ip);
  if (!attempt.allowed) {
    const seconds = Math.ceil(attempt.retryAfterMs / 1000);
    return data<Result>(
      { errors: { "": t.signIn.throttled(seconds) }, throttledEmail: email },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }

  const user = await verifyLogin(email, parsed.data.password);
  if (!user) {
    await recordFailedSignIn({ email, method: "password", ip });
    return data<Result>({ errors: { "": t.signIn.failed } }, { status: 401 });
  }
  await markSignInSucceeded(attempt.attemptId);
  return completeSignIn(request, {
    userId: user.id,
    method: "password",
    redirectTo: safeRedirect(parsed.data.redirectTo, await homePathFor(user.id)),
    ip,
  });
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const { oidc } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { errors, onSubmit } = useValidatedForm(signInSchema, actionData?.errors);
  return (
    <SignedOutPage title={t.signIn.title}>
      <p className="muted">{t.signIn.intro}</p>
      {params.get("utloggad") ? (
        <p className="notice success" role="status">
          {t.signIn.signedOut}
        </p>
      ) : null}
      {params.get("avaktiverad") ? (
        <p className="notice error" role="alert">
          {t.operatorConsole.signInDeactivated}
        </p>
      ) : null}
      <FormError message={errors[""]} />
      {oidc.failure ? (
        <p className="notice error" role="alert">
          {oidc.failure}
        </p>
      ) : null}
      {actionData?.linkSent ? (
        <p className="notice success" role="status">
          {t.signIn.linkSent}
        </p>
      ) : null}
      {actionData?.throttledEmail ? (
        <Form method="post" className="stacked">
          <p>{t.signIn.linkOffer}</p>
          <input type="hidden" name="intent" value="link" />
          <input type="hidden" name="email" value={actionData.throttledEmail} />
          <div>
            <button type="submit">{t.signIn.linkSubmit}</button>
          </div>
        </Form>
      ) : null}
      <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} skipFormError />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="email" type="email" label={t.signIn.email} autoComplete="username" required error={errors.email} />
        <Field name="password" type="password" label={t.signIn.password} autoComplete="current-password" required error={errors.password} />
        <div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t.signIn.submit}
          </button>
        </div>
      </Form>
      <p>
        <Link to={paths.forgotPassword()}>{t.passwordReset.forgotLink}</Link>
      </p>
      <OidcSignInButtons options={oidc.options} redirectTo={params.get("redirectTo") ?? ""} />
    </SignedOutPage>
  );
}
