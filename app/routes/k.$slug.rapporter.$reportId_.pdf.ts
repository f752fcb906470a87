import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment } from "~/http/download.server.ts";
import { reportFileName, reportHeading } from "~/workflows/follow-up-report.server.ts";
import { requireReport } from "~/workflows/report-access.server.ts";
import { reportToPdf } from "~/render/report-pdf.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await requireReport(request, params);
  const bytes = await reportToPdf(view.snapshot, view.changes, reportHeading(view));
  return new Response(bytes, { headers: attachment(reportFileName(view.snapshot, "pdf"), "application/pdf") });
}
