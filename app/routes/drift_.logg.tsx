import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditLogView } from "~/components/audit-log.tsx";
import { SiteHeader } from "~/components/site-header.tsx";
import { t } from "~/i18n/sv.ts";
import { requireOperator } from "~/http/access.server.ts";
import { listMunicipalitiesForUser } from "~/models/municipality.server.ts";
import { paths } from "~/paths.ts";
import { auditLogPage } from "~/workflows/audit-log.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.auditLog.operatorTitle} – ${t.app.name}` }];

/** Every event of the installation, for operators; one municipality's when chosen. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOperator(request);
  const log = await auditLogPage({ all: true }, new URL(request.url).searchParams);
  const municipalities = (await listMunicipalitiesForUser(user.id, true)).map((m) => ({ id: m.id, name: m.name }));
  return { user: { name: user.name, isOperator: true }, municipalities, ...log };
}

export default function OperatorAuditLog() {
  const { user, ...log } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <AuditLogView
          title={t.auditLog.operatorTitle}
          intro={t.auditLog.operatorIntro}
          basePath={paths.operatorAuditLog()}
          csvPath={paths.operatorAuditLogCsv()}
          {...log}
        />
      </main>
    </>
  );
}
