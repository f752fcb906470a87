import type { LoaderFunctionArgs } from "@remix-run/node";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/services/access.server.ts";
import { attachment, XLSX_TYPE } from "~/services/download.server.ts";
import { planToXlsx } from "~/services/plan-export.server.ts";
import { planRowsFor } from "~/services/plan-rows.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const { rows } = await planRowsFor(municipality.id, new URL(request.url));
  const bytes = await planToXlsx(rows, `${t.plan.title} – ${municipality.name}`);
  return new Response(new Uint8Array(bytes), {
    headers: attachment(`Handlingsplan ${municipality.name}.xlsx`, XLSX_TYPE),
  });
}
