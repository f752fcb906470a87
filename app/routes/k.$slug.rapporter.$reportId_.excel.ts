import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, XLSX_TYPE } from "~/http/download.server.ts";
import { reportFileName, reportHeading } from "~/workflows/follow-up-report.server.ts";
import { requireReport } from "~/workflows/report-access.server.ts";
import { reportToXlsx } from "~/render/report-xlsx.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await requireReport(request, params);
  const bytes = await reportToXlsx(view.snapshot, view.changes, reportHeading(view));
  return new Response(bytes, { headers: attachment(reportFileName(view.snapshot, "xlsx"), XLSX_TYPE) });
}
