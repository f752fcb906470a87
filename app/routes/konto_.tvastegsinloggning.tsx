import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { Field } from "~/components/ui/field.tsx";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { twoStepConfirmSchema, twoStepDisableSchema } from "~/forms/two-step.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { requireSignedIn } from "~/http/access.server.ts";
import { safeRedirect } from "~/http/session.server.ts";
import { homePathFor } from "~/models/user.server.ts";
import { qrCodeDataUrl } from "~/render/qr-code.server.ts";
import { confirmTwoStepSetup, disableTwoStepFor, twoStepSetupState } from "~/workflows/two-step.server.ts";

/**
 * Two-step sign-in for the signed-in person: set it up (secret as QR code and text, confirmed
 * with a current code, then ten recovery codes shown once), or switch it off with a code or the
 * password. Operators, and members of a municipality that requires it, are sent here first.
 */
export const meta: MetaFunction = () => [{ title: `${t.twoStep.title} – ${t.app.name}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireSignedIn(request);
  const state = await twoStepSetupState(user);
  const header = { name: user.name, isOperator: user.isOperator };
  if (state.enabled) return { user: header, state };
  return { user: header, state: { ...state, qr: qrCodeDataUrl(state.uri) } };
}

type Result =
  | { intent: "confirm"; errors: FieldErrors; recoveryCodes?: string[]; continueTo?: string }
  | { intent: "disable"; errors: FieldErrors; disabled?: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireSignedIn(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "disable") {
    const parsed = parseForm(twoStepDisableSchema, form);
    if (!parsed.ok) return data<Result>({ intent: "disable", errors: parsed.errors }, { status: 400 });
    const result = await disableTwoStepFor(user, parsed.data, context.ip ?? "unknown");
    if (!result.ok) {
      if (result.error === "throttled") {
        const seconds = Math.ceil(result.retryAfterMs / 1000);
        return data<Result>(
          { intent: "disable", errors: { code: t.twoStep.errors.throttled(seconds) } },
          { status: 429, headers: { "Retry-After": String(seconds) } },
        );
      }
      return data<Result>({ intent: "disable", errors: { [result.field]: t.twoStep.errors.wrongCodeOrPassword } }, { status: 401 });
    }
    return data<Result>({ intent: "disable", errors: {}, disabled: true });
  }
  if (intent !== "confirm") throw redirect(new URL(request.url).pathname);
  const parsed = parseForm(twoStepConfirmSchema, form);
  if (!parsed.ok) return data<Result>({ intent: "confirm", errors: parsed.errors }, { status: 400 });
  const result = await confirmTwoStepSetup(user, parsed.data.code);
  if (!result.ok) {
    const message = result.error === "already" ? t.twoStep.errors.alreadyEnabled : t.twoStep.errors.wrongSetupCode;
    return data<Result>({ intent: "confirm", errors: { code: message } }, { status: result.error === "already" ? 409 : 400 });
  }
  const continueTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), await homePathFor(user.id));
  return data<Result>({ intent: "confirm", errors: {}, recoveryCodes: result.recoveryCodes, continueTo });
}

export default function TwoStepSetup() {
  const { user, state } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirm = useValidatedForm(twoStepConfirmSchema, result?.intent === "confirm" ? result.errors : undefined);
  const disable = useValidatedForm(twoStepDisableSchema, result?.intent === "disable" ? result.errors : undefined);
  const forced = params.get("redirectTo") !== null && !state.enabled;

  return (
    <>
      <SiteHeader user={user} roleLabel={user.isOperator ? t.roles.OPERATOR : undefined} />
      <main id="main" className="page narrow">
        <h1>{t.twoStep.title}</h1>
        {result?.intent === "confirm" && result.recoveryCodes ? (
          <section className="card" aria-labelledby="recovery-title">
            <p className="notice success" role="status">
              {t.twoStep.confirmed}
            </p>
            <h2 id="recovery-title">{t.twoStep.recoveryTitle}</h2>
            <p>{t.twoStep.recoveryIntro}</p>
            <ul className="recovery-codes" data-testid="recovery-codes">
              {result.recoveryCodes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
            <p>
              <Link to={result.continueTo ?? "/"}>{t.twoStep.continue}</Link>
            </p>
          </section>
        ) : state.enabled ? (
          <>
            {result?.intent === "disable" && result.disabled ? (
              <p className="notice success" role="status">
                {t.twoStep.disabled}
              </p>
            ) : null}
            <p className="notice success">{t.twoStep.enabled}</p>
            <p>{t.twoStep.recoveryLeft(state.recoveryCodesLeft)}</p>
            <Form method="post" className="stacked card" noValidate onSubmit={disable.onSubmit}>
              <ErrorSummary errors={disable.errors} />
              <h2>{t.twoStep.disableTitle}</h2>
              <p>{t.twoStep.disableIntro}</p>
              <input type="hidden" name="intent" value="disable" />
              <Field
                name="code"
                label={t.twoStep.disableCode}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={20}
                error={disable.errors.code}
              />
              <Field name="password" type="password" label={t.twoStep.disablePassword} autoComplete="current-password" error={disable.errors.password} />
              <div>
                <button type="submit">{t.twoStep.disable}</button>
              </div>
            </Form>
          </>
        ) : (
          <>
            {result?.intent === "disable" && result.disabled ? (
              <p className="notice success" role="status">
                {t.twoStep.disabled}
              </p>
            ) : null}
            {forced ? (
              <p className="notice" role="status">
                {user.isOperator ? t.twoStep.requiredOperator : t.twoStep.requiredMunicipality}
              </p>
            ) : null}
            <p className="lead">{t.twoStep.intro}</p>
            <section className="card">
              <p>{t.twoStep.step1}</p>
              <img src={state.qr} alt={t.twoStep.qrAlt} />
              <p>
                {t.twoStep.secretLabel}: <code data-testid="totp-secret">{state.secret}</code>
              </p>
              <p>
                {t.twoStep.uriLabel}: <code className="break-all">{state.uri}</code>
              </p>
              <p>{t.twoStep.step2}</p>
              <Form method="post" className="stacked" noValidate onSubmit={confirm.onSubmit}>
                <ErrorSummary errors={confirm.errors} />
                <input type="hidden" name="intent" value="confirm" />
                <Field
                  name="code"
                  label={t.twoStep.code}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={20}
                  required
                  error={confirm.errors.code}
                />
                <div>
                  <button type="submit">{t.twoStep.confirm}</button>
                </div>
              </Form>
            </section>
          </>
        )}
      </main>
    </>
  );
}
