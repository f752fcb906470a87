import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { NewPasswordFields } from "~/components/new-password-fields.tsx";
import { firstOperatorSchema, invitedOperatorSchema } from "~/forms/operator-setup.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { findSetupLink, SetupRefused } from "~/models/operator-setup.server.ts";
import { paths } from "~/paths.ts";
import { completeOperatorSetup } from "~/workflows/operator-setup.server.ts";
import { completeSignIn } from "~/workflows/sign-in.server.ts";
import { SignedOutPage } from "~/components/signed-out-page.tsx";

export const meta: MetaFunction = () => [{ title: `${t.operatorSetup.title} – ${t.app.name}` }];

const refusals: Record<SetupRefused["reason"], string> = {
  invalid: t.operatorSetup.invalid,
  "operator-exists": t.operatorSetup.operatorExists,
  "email-taken": t.operatorSetup.emailTaken,
};

/**
 * The one-time link printed on first start or by `npm run operator`: the person becomes an
 * operator, chooses a password and is signed in. A used, expired or unknown link, or a
 * first-start link once an operator exists, is answered with a Swedish page (404/410).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findSetupLink(params.token ?? "");
  if (!found.ok) return data({ link: null, refusal: refusals[found.reason] }, { status: found.reason === "invalid" ? 404 : 410 });
  return { link: found.link, refusal: null };
}

type Result = { errors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  // The body is read first, so a refusal never leaves it unread on the connection.
  const form = await request.formData();
  const found = await findSetupLink(token);
  if (!found.ok) return data<Result>({ errors: { "": refusals[found.reason] } }, { status: found.reason === "invalid" ? 404 : 410 });
  const parsed =
    found.link.kind === "first-start"
      ? parseForm(firstOperatorSchema, form)
      : parseForm(
          invitedOperatorSchema.transform((v) => ({ ...v, email: null })),
          form,
        );
  if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
  let userId: string;
  try {
    userId = await completeOperatorSetup(token, parsed.data);
  } catch (error) {
    if (!(error instanceof SetupRefused)) throw error;
    const field = error.reason === "email-taken" ? "email" : "";
    return data<Result>({ errors: { [field]: refusals[error.reason] } }, { status: error.reason === "email-taken" ? 409 : 410 });
  }
  return completeSignIn(request, { userId, method: "setup", redirectTo: paths.operatorConsole(), ip: context.ip });
}

export default function OperatorSetup() {
  const { link, refusal } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const schema = link?.kind === "operator" ? invitedOperatorSchema : firstOperatorSchema;
  const { errors, onSubmit } = useValidatedForm(schema, result?.errors);
  return (
    <SignedOutPage title={t.operatorSetup.title}>
      {!link ? (
        <>
          <p className="notice error">{refusal}</p>
          <p>
            <Link to="/logga-in">{t.operatorSetup.toSignIn}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{link.kind === "operator" ? t.operatorSetup.introOperator(link.user.email) : t.operatorSetup.introFirstStart}</p>
          <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
            <ErrorSummary errors={errors} />
            <Field
              name="name"
              label={t.operatorSetup.name}
              autoComplete="name"
              defaultValue={link.kind === "operator" ? link.user.name : undefined}
              required
              maxLength={200}
              error={errors.name}
            />
            {link.kind === "first-start" ? (
              <Field
                name="email"
                type="email"
                label={t.operatorSetup.email}
                autoComplete="username"
                required
                maxLength={320}
                error={errors.email}
              />
            ) : (
              <input type="text" name="username" autoComplete="username" defaultValue={link.user.email} hidden readOnly />
            )}
            <NewPasswordFields
              labels={{ password: t.operatorSetup.password, hint: t.operatorSetup.passwordHint, confirm: t.operatorSetup.confirm }}
              errors={errors}
            />
            <div>
              <button type="submit">{t.operatorSetup.submit}</button>
            </div>
          </Form>
        </>
      )}
    </SignedOutPage>
  );
}
