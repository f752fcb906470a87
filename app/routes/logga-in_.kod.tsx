import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { secondStepSchema } from "~/forms/two-step.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { hasOpenChallenge, verifySecondStep } from "~/workflows/two-step.server.ts";
import { completeSignIn, type SignInMethod } from "~/workflows/sign-in.server.ts";
import { SignedOutPage } from "~/components/signed-out-page.tsx";

/** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
export const meta: MetaFunction = () => [{ title: `${t.twoStep.signInTitle} – ${t.app.name}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const open = await hasOpenChallenge(request);
  return data({ open }, { status: open ? 200 : 410 });
}

type Result = { errors: FieldErrors; restart?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(secondStepSchema, await request.formData());
  if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
  const ip = context.ip ?? "unknown";
  const result = await verifySecondStep(request, parsed.data.code, ip);
  if (!result.ok) {
    const e = t.twoStep.errors;
    switch (result.error) {
      case "wrong":
        return data<Result>({ errors: { code: e.wrongCode } }, { status: 401 });
      case "throttled": {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        return data<Result>({ errors: { code: e.throttled(seconds) } }, { status: 429, headers: { "Retry-After": String(seconds) } });
      }
      case "exhausted":
        return data<Result>({ errors: { "": e.exhausted }, restart: true }, { status: 410 });
      case "expired":
        return data<Result>({ errors: { "": e.expired }, restart: true }, { status: 410 });
    }
  }
  const { signIn } = result;
  return completeSignIn(request, {
    userId: signIn.userId,
    method: signIn.method as SignInMethod,
    redirectTo: signIn.redirectTo,
    secondStep: signIn.secondStep,
    ...(signIn.ip ? { ip: signIn.ip } : {}),
  });
}

export default function SignInCode() {
  const { open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { errors, onSubmit } = useValidatedForm(secondStepSchema, actionData?.errors);
  const restart = !open || actionData?.restart;
  return (
    <SignedOutPage title={t.twoStep.signInTitle}>
      {restart ? (
        <>
          <p className="notice error" role="alert">
            {errors[""] ?? t.twoStep.errors.expired}
          </p>
          <p>
            <Link to="/logga-in">{t.twoStep.signInRestart}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="muted">{t.twoStep.signInIntro}</p>
          <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
            <ErrorSummary errors={errors} skipFormError />
            <Field
              name="code"
              label={t.twoStep.signInCode}
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={40}
              required
              autoFocus
              error={errors.code}
            />
            <div>
              <button type="submit" disabled={navigation.state === "submitting"}>
                {t.twoStep.signInSubmit}
              </button>
            </div>
          </Form>
          <p>
            <Link to="/logga-in">{t.twoStep.signInRestart}</Link>
          </p>
        </>
      )}
    </SignedOutPage>
  );
}
