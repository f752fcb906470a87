import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { attachment, XLSX_TYPE } from "~/http/download.server.ts";
import { planToXlsx } from "~/render/plan-export.server.ts";
import { planRowsFor } from "~/workflows/plan-rows.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const { rows } = await planRowsFor(municipality.id, new URL(request.url));
  const bytes = await planToXlsx(rows, `${t.plan.title} – ${municipality.name}`);
  return new Response(new Uint8Array(bytes), {
    headers: attachment(`Handlingsplan ${municipality.name}.xlsx`, XLSX_TYPE),
  });
}
