import type { LinksFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import styles from "~/styles/app.css";
import phoneStyles from "~/styles/phone.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: phoneStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t.app.skipToContent}
        </a>
        {children}
        <footer className="site-footer">
          <nav aria-label={t.footer.label}>
            <a href={paths.accessibility()}>{t.footer.accessibility}</a>
          </nav>
        </footer>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  // Marks the page as interactive (used by the browser tests to wait for hydration).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title: string = t.errors.unexpectedTitle;
  let body: string = t.errors.unexpectedBody;
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) [title, body] = [t.errors.forbiddenTitle, t.errors.forbiddenBody];
    else if (error.status === 404) [title, body] = [t.errors.notFoundTitle, t.errors.notFoundBody];
    // A refusal thrown with a Swedish reason of its own (a form that could not be read) says it.
    else if (error.status === 400)
      [title, body] = [t.errors.badRequestTitle, typeof error.data === "string" && error.data ? error.data : t.errors.fixErrors];
  }
  return (
    <>
      <title>{`${title} – ${t.app.name}`}</title>
      <main id="main" className="page narrow error-page">
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <Link to="/">{t.errors.backToStart}</Link>
        </p>
      </main>
    </>
  );
}
