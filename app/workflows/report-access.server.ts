import { z } from "zod";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { parseCommitteeFilter } from "~/domain/committees.ts";
import { CURRENT_REPORT } from "~/domain/follow-up-report.ts";
import { reportForView } from "~/workflows/follow-up-report.server.ts";

/** A report id in an address: a saved report's uuid, or CURRENT_REPORT for the unsaved one. */
export const reportIdSchema = z.union([z.literal(CURRENT_REPORT), z.uuid()]);

/**
 * The report a page or download asks for, after the access check; 404 when there is none.
 * `?namnd=<id>` (or `?namnd=ingen`) narrows it to one committee's actions (issue #14, item 5).
 */
export async function requireReport(request: Request, params: { slug?: string; reportId?: string }) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const id = reportIdSchema.safeParse(params.reportId);
  if (!id.success) throw notFound();
  const view = await reportForView(municipality.id, id.data, new Date(), parseCommitteeFilter(new URL(request.url).searchParams));
  if (!view) throw notFound();
  return { user, role, municipality, reportId: id.data, view };
}
