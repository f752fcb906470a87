import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Field } from "~/components/ui/field.tsx";
import { OIDC_NEW_MEMBER_ROLES, oidcSettingsSchema } from "~/forms/oidc-settings.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { getOidcSettings } from "~/models/oidc-provider.server.ts";
import { oidcRedirectUri, oidcSignInLink, saveOidcProvider } from "~/workflows/oidc-sign-in.server.ts";

/** The municipality's OpenID Connect provider: its coordinators and operators only; the secret is never sent back. */
export const meta: MetaFunction = () => [{ title: `${t.oidc.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "users:manage");
  return {
    settings: await getOidcSettings(municipality.id),
    redirectUri: oidcRedirectUri(municipality.slug),
    signInLink: oidcSignInLink(municipality.slug),
  };
}

type Result = { errors: FieldErrors; saved?: "saved" | "reset" };

export async function action({ request, params }: ActionFunctionArgs) {
  const { municipality, user } = await requireMunicipality(request, params.slug, "users:manage");
  const parsed = parseForm(oidcSettingsSchema, await request.formData());
  if (!parsed.ok) return data<Result>({ errors: parsed.errors }, { status: 400 });
  const outcome = await saveOidcProvider(municipality.id, parsed.data, user.id);
  if (!outcome.ok) {
    const errors: FieldErrors = {
      issuer: { issuer: t.oidc.errors.issuer },
      "secret-required": { clientSecret: t.oidc.errors.secretRequired },
      "not-worked": { passwordSignInDisabled: t.oidc.errors.notWorked },
    }[outcome.reason];
    return data<Result>({ errors }, { status: 400 });
  }
  return data<Result>({ errors: {}, saved: outcome.reset ? "reset" : "saved" });
}

export default function OidcSettingsPage() {
  const { settings, redirectUri, signInLink } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { errors, onSubmit } = useValidatedForm(oidcSettingsSchema, result?.errors);
  const form = useRef<HTMLFormElement>(null);
  // Once saved, the secret typed in leaves the page too (without JavaScript the page is new anyway).
  useEffect(() => {
    const secret = form.current?.elements.namedItem("clientSecret");
    if (result?.saved && secret instanceof HTMLInputElement) secret.value = "";
  }, [result]);
  return (
    <>
      <h1>{t.oidc.title}</h1>
      <p className="lead">{t.oidc.intro}</p>
      {result?.saved ? (
        <p className="notice success" role="status">
          {result.saved === "reset" ? t.oidc.savedReset : t.oidc.saved}
        </p>
      ) : null}
      <p>
        {t.oidc.redirectUri} <code>{redirectUri}</code>
      </p>
      {settings ? (
        <p>
          {t.oidc.signInLink} <code>{signInLink}</code>
        </p>
      ) : null}
      {settings ? <p className="muted">{settings.worked ? t.oidc.worked : t.oidc.notWorked}</p> : null}
      <Form ref={form} method="post" className="stacked card" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} />
        <Field name="issuer" type="url" label={t.oidc.issuer} hint={t.oidc.issuerHint} required defaultValue={settings?.issuer ?? ""} error={errors.issuer} />
        <Field name="clientId" label={t.oidc.clientId} required defaultValue={settings?.clientId ?? ""} error={errors.clientId} />
        <Field
          name="clientSecret"
          type="password"
          label={t.oidc.clientSecret}
          autoComplete="off"
          {...(settings ? { hint: t.oidc.clientSecretKeep } : { required: true })}
          error={errors.clientSecret}
        />
        <Field name="displayName" label={t.oidc.displayName} hint={t.oidc.displayNameHint} required defaultValue={settings?.displayName ?? ""} error={errors.displayName} />
        <Field name="domains" label={t.oidc.domains} hint={t.oidc.domainsHint} required defaultValue={settings?.domains.join(", ") ?? ""} error={errors.domains} />
        <label>
          <input type="checkbox" name="createMembers" defaultChecked={settings?.createMembers ?? false} /> {t.oidc.createMembers}
        </label>
        <Field name="newMemberRole" label={t.oidc.newMemberRole} error={errors.newMemberRole}>
          {(control) => (
            <select {...control} defaultValue={settings?.newMemberRole ?? "VIEWER"}>
              {OIDC_NEW_MEMBER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t.roles[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <label>
            <input
              type="checkbox"
              id="field-passwordSignInDisabled"
              name="passwordSignInDisabled"
              aria-describedby={errors.passwordSignInDisabled ? "password-off-hint password-off-error" : "password-off-hint"}
              aria-invalid={errors.passwordSignInDisabled ? true : undefined}
              defaultChecked={settings?.passwordSignInDisabled ?? false}
            />{" "}
            {t.oidc.passwordSignInDisabled}
          </label>
          <span className="hint" id="password-off-hint">
            {t.oidc.passwordSignInDisabledHint}
          </span>
          {errors.passwordSignInDisabled ? (
            <span className="field-error" id="password-off-error">
              {errors.passwordSignInDisabled}
            </span>
          ) : null}
        </div>
        <div>
          <button type="submit">{t.oidc.save}</button>
        </div>
      </Form>
    </>
  );
}
