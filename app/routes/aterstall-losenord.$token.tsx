import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NewPasswordFields } from "~/components/new-password-fields.tsx";
import type { ResetLinkState } from "~/domain/password-reset.ts";
import { resetPasswordSchema } from "~/forms/account.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { homePathFor } from "~/models/user.server.ts";
import { paths } from "~/paths.ts";
import { openPasswordReset, resetPassword } from "~/workflows/password-reset.server.ts";
import { completeSignIn } from "~/workflows/sign-in.server.ts";
import { SignedOutPage } from "~/components/signed-out-page.tsx";

/**
 * A mailed reset link. Opening it uses nothing (mail scanners open links); choosing the new
 * password uses it, ends every session of the account and signs the person in here.
 */
export const meta: MetaFunction = () => [{ title: `${t.passwordReset.resetTitle} – ${t.app.name}` }];

type Spent = Exclude<ResetLinkState, "open">;

export async function loader({ params }: LoaderFunctionArgs) {
  const opened = await openPasswordReset(params.token ?? "");
  if (opened.state !== "open" || !opened.person) return data({ person: null, state: opened.state as Spent }, { status: 410 });
  return { person: opened.person, state: "open" as const };
}

type Result = { errors?: FieldErrors; state?: Spent };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await request.formData());
  if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
  const used = await resetPassword(params.token ?? "", parsed.data.password);
  if (!used.ok) return data<Result>({ state: used.state }, { status: 410 });
  return completeSignIn(request, {
    userId: used.userId,
    method: "password-reset",
    redirectTo: await homePathFor(used.userId),
    ip: context.ip,
  });
}

const spentMessage: Record<Spent, string> = {
  expired: t.passwordReset.expired,
  used: t.passwordReset.used,
  unknown: t.passwordReset.unknown,
};

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(resetPasswordSchema, result?.errors);
  const spent: Spent | null = result?.state ?? (loaded.state === "open" ? null : loaded.state);
  return (
    <SignedOutPage title={spent || !loaded.person ? t.passwordReset.invalidTitle : t.passwordReset.resetTitle}>
      {spent || !loaded.person ? (
        <>
          <p className="notice error">{spentMessage[spent ?? "unknown"]}</p>
          <p>
            <Link to={paths.forgotPassword()}>{t.passwordReset.newLink}</Link>
          </p>
          <p>
            <Link to="/logga-in">{t.passwordReset.backToSignIn}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t.passwordReset.resetFor(loaded.person.name, loaded.person.email)}</p>
          <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
            <ErrorSummary errors={errors} />
            <input type="text" name="username" autoComplete="username" defaultValue={loaded.person.email} hidden readOnly />
            <NewPasswordFields
              labels={{ password: t.account.newPassword, hint: t.account.newPasswordHint, confirm: t.account.confirm }}
              errors={errors}
            />
            <div>
              <button type="submit">{t.passwordReset.resetSubmit}</button>
            </div>
          </Form>
        </>
      )}
    </SignedOutPage>
  );
}
