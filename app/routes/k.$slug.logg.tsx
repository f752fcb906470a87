import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuditLogView } from "~/components/audit-log.tsx";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { paths } from "~/paths.ts";
import { auditLogPage } from "~/workflows/audit-log.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.auditLog.title} – ${t.app.name}` }];

/** The municipality's audit log, for its coordinators (and operators). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "users:manage");
  const log = await auditLogPage({ municipalityId: municipality.id }, new URL(request.url).searchParams);
  return { slug: municipality.slug, ...log };
}

export default function AuditLog() {
  const { slug, ...log } = useLoaderData<typeof loader>();
  return <AuditLogView title={t.auditLog.title} intro={t.auditLog.intro} basePath={paths.auditLog(slug)} csvPath={paths.auditLogCsv(slug)} {...log} />;
}
