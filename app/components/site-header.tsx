import { Form, NavLink, Link, useLocation } from "@remix-run/react";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";

interface SiteHeaderProps {
  user: { name: string; isOperator: boolean };
  municipality?: { slug: string; name: string } | undefined;
  canManageUsers?: boolean;
  roleLabel?: string | undefined;
}

export function SiteHeader({ user, municipality, canManageUsers, roleLabel }: SiteHeaderProps) {
  const slug = municipality?.slug;
  const base = slug ? paths.municipality(slug) : null;
  // A new page starts with the menu folded again (the header stays mounted across client-side navigation).
  const { pathname } = useLocation();
  return (
    <header className="site-header">
      <div className="inner">
        <Link to={base ?? "/"} className="brand">
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
            <circle cx="16" cy="16" r="15" fill="#fff" />
            <path d="M16 5l4 11-4 11-4-11z" fill="#0b4f6c" />
          </svg>
          <span>
            {t.app.name}
            {municipality ? <small> · {municipality.name}</small> : null}
          </span>
        </Link>
        {/* Folded behind "Meny" on narrow screens, always open on wide ones (phone.css): a disclosure that works without JavaScript and by keyboard (ADR 0044). */}
        <details className="site-menu" key={pathname}>
          <summary>{t.phone.menu}</summary>
          <nav className="site-nav" aria-label={t.app.mainNav}>
            <ul>
              {base ? (
                <>
                  <li>
                    <NavLink to={base} end>
                      {t.nav.start}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to={paths.plan(slug!)}>{t.nav.plan}</NavLink>
                  </li>
                  <li>
                    <NavLink to={paths.mine(slug!)}>{t.nav.mine}</NavLink>
                  </li>
                  <li>
                    <NavLink to={paths.readiness(slug!)}>{t.nav.readiness}</NavLink>
                  </li>
                  <li><NavLink to={paths.outcome(slug!)}>{t.outcome.nav}</NavLink></li>
                  <li>
                    <NavLink to={paths.reports(slug!)}>{t.nav.reports}</NavLink>
                  </li>
                  <li>
                    <NavLink to={paths.evaluations(slug!)}>{t.nav.evaluations}</NavLink>
                  </li>
                  <li>
                    <NavLink to={paths.compare(slug!)}>{t.nav.compare}</NavLink>
                  </li>
                  {canManageUsers ? (
                    <>
                      <li>
                        <NavLink to={paths.users(slug!)}>{t.nav.users}</NavLink>
                      </li>
                      <li>
                        <NavLink to={paths.reminders(slug!)}>{t.nav.reminders}</NavLink>
                      </li>
                      <li>
                        <NavLink to={paths.outbox(slug!)}>{t.nav.outbox}</NavLink>
                      </li>
                      <li>
                        <NavLink to={paths.oidcSettings(slug!)}>{t.oidc.nav}</NavLink>
                      </li>
                      <li>
                        <NavLink to={paths.auditLog(slug!)}>{t.nav.auditLog}</NavLink>
                      </li>
                    </>
                  ) : null}
                </>
              ) : null}
              {user.isOperator ? (
                <>
                  <li>
                    <NavLink to="/kommuner">{t.nav.municipalities}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/drift">{t.nav.operations}</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
          <div className="user-box">
            <span>
              {roleLabel ? t.nav.signedInAsRole(user.name, roleLabel) : t.nav.signedInAs(user.name)}
            </span>
            <NavLink to={paths.account()}>{t.account.nav}</NavLink>
            <Form method="post" action="/logga-ut">
              <button type="submit" className="link">
                {t.nav.signOut}
              </button>
            </Form>
          </div>
        </details>
      </div>
    </header>
  );
}
