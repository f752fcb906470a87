import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment } from "~/services/download.server.ts";
import { reportFileName, reportHeading } from "~/services/follow-up-report.server.ts";
import { requireReport } from "~/services/report-access.server.ts";
import { reportToPdf } from "~/services/report-pdf.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await requireReport(request, params);
  const bytes = await reportToPdf(view.snapshot, view.changes, reportHeading(view));
  return new Response(bytes, { headers: attachment(reportFileName(view.snapshot, "pdf"), "application/pdf") });
}
