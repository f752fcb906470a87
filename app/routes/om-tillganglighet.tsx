import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { t } from "~/i18n/sv.ts";

export const meta: MetaFunction = () => [{ title: `${t.accessibility.title} – ${t.app.name}` }];

/**
 * The accessibility statement the law on accessibility of digital public services (DOS-lagen)
 * asks for, after Digg's model: compliance, known shortcomings, feedback, enforcement, method
 * and date. Public: reachable from every page's footer, also before signing in.
 */
export default function AccessibilityStatement() {
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
      <p>
        {a.report} <a href={`mailto:${a.contactEmail}`}>{a.contactEmail}</a>. {a.reportAnswer}
      </p>
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
