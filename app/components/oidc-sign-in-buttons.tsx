import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";

interface Option {
  slug: string;
  municipality: string;
  displayName: string;
}

/**
 * "Logga in med <kommunens konto>": one plain form per provider, posted as a whole page (the
 * answer leads to another site), so it works without JavaScript.
 */
export function OidcSignInButtons({ options, redirectTo }: { options: Option[]; redirectTo: string }) {
  if (options.length === 0) return null;
  return (
    <section className="stacked" aria-labelledby="oidc-heading">
      <h2 id="oidc-heading">{t.oidc.startTitle}</h2>
      <p className="muted">{t.oidc.orUse}</p>
      <ul className="stacked" style={{ listStyle: "none", padding: 0 }}>
        {options.map((option) => (
          <li key={option.slug}>
            <form method="post" action={paths.oidcSignIn(option.slug)}>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className="secondary">
                {t.oidc.signInWith(option.displayName)}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
