import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOperator } from "~/http/access.server.ts";
import { attachment } from "~/http/download.server.ts";
import { t } from "~/i18n/sv.ts";
import { auditLogCsv } from "~/workflows/audit-log.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOperator(request);
  const file = await auditLogCsv({ all: true }, new URL(request.url).searchParams);
  if (!file) return new Response(t.auditLog.errors.date, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(file.csv, { headers: attachment(`Logg ${file.from}–${file.to}.csv`, "text/csv; charset=utf-8") });
}
