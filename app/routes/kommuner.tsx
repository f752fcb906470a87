import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { t } from "~/i18n/sv.ts";
import { listMunicipalitiesForUser } from "~/models/municipality.server.ts";
import { requireUser } from "~/http/access.server.ts";
import { paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.municipalities.title} – ${t.app.name}` }];

/** The municipalities a user can open: all of them for an operator, their own for others. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    user: { name: user.name, isOperator: user.isOperator },
    municipalities: await listMunicipalitiesForUser(user.id, user.isOperator),
  };
}

export default function Municipalities() {
  const { user, municipalities } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader user={user} roleLabel={user.isOperator ? t.roles.OPERATOR : undefined} />
      <main id="main" className="page">
        <h1>{t.municipalities.title}</h1>
        <p className="lead">{t.nav.chooseMunicipality}</p>
        {user.isOperator ? (
          <p>
            <Link to={paths.operatorConsole()}>{t.operatorConsole.driftLink}</Link>
          </p>
        ) : null}
        <ul>
          {municipalities.map((m) => (
            <li key={m.id}>
              <Link to={paths.municipality(m.slug)}>{m.name}</Link>
              {!m.active ? ` (${t.operatorConsole.deactivatedBadge})` : null}
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
