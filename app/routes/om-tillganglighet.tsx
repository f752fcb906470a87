import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n/sv.ts";
import { getEnv } from "~/platform/env.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.accessibility.title} – ${t.app.name}` }];

/**
 * The accessibility statement the law on accessibility of digital public services (DOS-lagen)
 * asks for, after Digg's model: compliance, known shortcomings, feedback, enforcement, method
 * and date. Public: reachable from every page's footer, also before signing in.
 */
export function loader() {
  return { contact: getEnv().ACCESSIBILITY_CONTACT ?? null };
}

export default function AccessibilityStatement() {
  const { contact } = useLoaderData<typeof loader>();
  const a = t.accessibility;
  return (
    <main id="main" className="page">
      <p className="brand-line">
        <Link to="/">
          <strong>{t.app.name}</strong>
        </Link>{" "}
        · {t.app.tagline}
      </p>
      <h1>{a.title}</h1>
      <p className="lead">{a.intro}</p>
      <h2>{a.statusTitle}</h2>
      <p>{a.status}</p>
      <h2>{a.shortcomingsTitle}</h2>
      <ul>
        {a.shortcomings.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <h2>{a.reportTitle}</h2>
      <p>{a.report}</p>
      {contact ? (
        <p>
          {a.reportContact} <a href={`mailto:${contact}`}>{contact}</a>. {a.reportAnswer}
        </p>
      ) : null}
      <h2>{a.enforcementTitle}</h2>
      <p>{a.enforcement}</p>
      <p>
        <a href={a.enforcementUrl}>{a.enforcementLink}</a>
      </p>
      <h2>{a.methodTitle}</h2>
      <p>{a.method}</p>
      <h2>{a.dateTitle}</h2>
      <p>{a.published}</p>
      <p>{a.updated}</p>
    </main>
  );
}
