import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, XLSX_TYPE } from "~/services/download.server.ts";
import { reportFileName, reportHeading } from "~/services/follow-up-report.server.ts";
import { requireReport } from "~/services/report-access.server.ts";
import { reportToXlsx } from "~/services/report-xlsx.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await requireReport(request, params);
  const bytes = await reportToXlsx(view.snapshot, view.changes, reportHeading(view));
  return new Response(bytes, { headers: attachment(reportFileName(view.snapshot, "xlsx"), XLSX_TYPE) });
}
