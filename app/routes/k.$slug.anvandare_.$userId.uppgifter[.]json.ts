import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { findPerson } from "~/models/personal-data.server.ts";
import { personalDataDownload } from "~/workflows/personal-data.server.ts";

/**
 * A member's register extract for their municipality's coordinator: only what belongs to this
 * municipality, never another's actions, notes or mail of a shared account (operators get
 * everything from the console's own address).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "users:manage");
  const userId = z.uuid().safeParse(params.userId);
  if (!userId.success) throw notFound();
  const scope = { municipalityId: municipality.id };
  if (!(await findPerson(userId.data, scope))) throw notFound();
  const response = await personalDataDownload(userId.data, scope);
  if (!response) throw notFound();
  return response;
}
