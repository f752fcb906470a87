import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachment, DOCX_TYPE } from "~/http/download.server.ts";
import { reportFileName, reportHeading } from "~/workflows/follow-up-report.server.ts";
import { requireReport } from "~/workflows/report-access.server.ts";
import { reportToDocx } from "~/render/report-docx.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await requireReport(request, params);
  const bytes = await reportToDocx(view.snapshot, view.changes, reportHeading(view));
  return new Response(bytes, { headers: attachment(reportFileName(view.snapshot, "docx"), DOCX_TYPE) });
}
