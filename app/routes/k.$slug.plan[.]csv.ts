import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMunicipality } from "~/http/access.server.ts";
import { attachment } from "~/http/download.server.ts";
import { planToCsv } from "~/render/plan-export.server.ts";
import { planRowsFor } from "~/workflows/plan-rows.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const { rows } = await planRowsFor(municipality.id, new URL(request.url));
  return new Response(planToCsv(rows), { headers: attachment(`Handlingsplan ${municipality.name}.csv`, "text/csv; charset=utf-8") });
}
