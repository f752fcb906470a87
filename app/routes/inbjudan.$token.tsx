import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { NewPasswordFields } from "~/components/new-password-fields.tsx";
import { acceptInvitationSchema } from "~/forms/accept-invitation.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { t } from "~/i18n/sv.ts";
import { acceptInvitation, findOpenInvitation } from "~/models/user.server.ts";
import { paths } from "~/paths.ts";
import { completeSignIn } from "~/workflows/sign-in.server.ts";
import { SignedOutPage } from "~/components/signed-out-page.tsx";

export const meta: MetaFunction = () => [{ title: `${t.invitation.title} – ${t.app.name}` }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? "");
  if (!invitation) return data({ invitation: null }, { status: 404 });
  return { invitation: { name: invitation.user.name, email: invitation.user.email, municipality: invitation.municipality.name } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = parseForm(acceptInvitationSchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors }, { status: 400 });
  const accepted = await acceptInvitation(params.token ?? "", parsed.data.password);
  if (!accepted) return data({ errors: { "": t.invitation.invalid } as FieldErrors }, { status: 404 });
  return completeSignIn(request, {
    userId: accepted.user.id,
    method: "invitation",
    redirectTo: paths.municipality(accepted.municipality.slug),
    ip: context.ip,
  });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(acceptInvitationSchema, result?.errors);
  return (
    <SignedOutPage title={t.invitation.title}>
      {!invitation ? (
        <>
          <p className="notice error">{t.invitation.invalid}</p>
          <p>
            <Link to="/logga-in">{t.signIn.title}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t.invitation.intro(invitation.municipality)}</p>
          <Form method="post" className="stacked" noValidate onSubmit={onSubmit}>
            <ErrorSummary errors={errors} />
            <input type="text" name="username" autoComplete="username" defaultValue={invitation.email} hidden readOnly />
            <NewPasswordFields
              labels={{ password: t.invitation.password, hint: t.invitation.passwordHint, confirm: t.invitation.confirm }}
              errors={errors}
            />
            <div>
              <button type="submit">{t.invitation.submit}</button>
            </div>
          </Form>
        </>
      )}
    </SignedOutPage>
  );
}
