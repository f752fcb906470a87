import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { signInThrottle, WINDOW_MS } from "~/domain/signin-throttle.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { signInSchema } from "~/forms/sign-in.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { recentFailures, recordSignInAttempt } from "~/models/session.server.ts";
import { homePathFor, normaliseEmail, verifyLogin } from "~/models/user.server.ts";
import { getSessionUser, safeRedirect, startSession } from "~/services/session.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.signIn.title} – ${t.app.name}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(await homePathFor(user.id));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(signInSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors }, { status: 400 });
  const email = normaliseEmail(parsed.data.email);
  const ip = context.ip ?? "unknown";
  const now = new Date();

  const throttle = signInThrottle(await recentFailures(email, new Date(now.getTime() - WINDOW_MS)), now);
  if (!throttle.allowed) {
    const seconds = Math.ceil(throttle.retryAfterMs / 1000);
    return data({ errors: { "": t.signIn.throttled(seconds) } as FieldErrors }, { status: 429 });
  }

  const user = await verifyLogin(email, parsed.data.password);
  await recordSignInAttempt(email, ip, user !== null);
  if (!user) return data({ errors: { "": t.signIn.failed } as FieldErrors }, { status: 401 });
  return startSession(user.id, safeRedirect(parsed.data.redirectTo, await homePathFor(user.id)));
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { errors, onSubmit } = useValidatedForm(signInSchema, actionData?.errors);
  return (
    <main id="main" className="page narrow">
      <p className="brand-line">
        <strong>{t.app.name}</strong> · {t.app.tagline}
      </p>
      <div className="card">
        <h1>{t.signIn.title}</h1>
        <p className="muted">{t.signIn.intro}</p>
        {params.get("utloggad") ? <p className="notice success" role="status">{t.signIn.signedOut}</p> : null}
        {errors[""] ? (
          <p className="notice error" role="alert">
            {errors[""]}
          </p>
        ) : null}
        <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field name="email" type="email" label={t.signIn.email} autoComplete="username" required error={errors.email} />
          <Field
            name="password"
            type="password"
            label={t.signIn.password}
            autoComplete="current-password"
            required
            error={errors.password}
          />
          <div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t.signIn.submit}
            </button>
          </div>
        </Form>
      </div>
    </main>
  );
}
