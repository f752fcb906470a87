import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { forgotPasswordSchema } from "~/forms/account.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { getSessionUser } from "~/http/session.server.ts";
import { t } from "~/i18n/sv.ts";
import { normaliseEmail } from "~/models/user.server.ts";
import { paths } from "~/paths.ts";
import { requestPasswordReset } from "~/workflows/password-reset.server.ts";
import { SignedOutPage } from "~/components/signed-out-page.tsx";

/**
 * Forgotten password: asks for a mailed link. The answer is the same whether or not the address
 * has an account; requests are limited per address and per client (counted for any address).
 */
export const meta: MetaFunction = () => [{ title: `${t.passwordReset.requestTitle} – ${t.app.name}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect(paths.account());
  return null;
}

type Result = { errors: FieldErrors; sent?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
  const decision = await requestPasswordReset(normaliseEmail(parsed.data.email), context.ip ?? "unknown");
  if (!decision.allowed) {
    const seconds = Math.ceil(decision.retryAfterMs / 1000);
    return data<Result>(
      { errors: { "": t.passwordReset.throttled(Math.max(1, Math.ceil(seconds / 60))) } },
      { status: 429, headers: { "Retry-After": String(seconds) } },
    );
  }
  return data<Result>({ errors: {}, sent: true });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useValidatedForm(forgotPasswordSchema, result?.errors);
  return (
    <SignedOutPage title={t.passwordReset.requestTitle}>
      <div aria-live="polite">
        {result?.sent ? (
          <p className="notice success" role="status">
            {t.passwordReset.requestSent}
          </p>
        ) : null}
      </div>
      <p className="muted">{t.passwordReset.requestIntro}</p>
      <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} />
        <Field
          name="email"
          type="email"
          label={t.passwordReset.email}
          autoComplete="username"
          maxLength={320}
          required
          error={errors.email}
        />
        <div>
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t.passwordReset.requestSubmit}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/logga-in">{t.passwordReset.backToSignIn}</Link>
      </p>
    </SignedOutPage>
  );
}
