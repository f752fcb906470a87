import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/http/access.server.ts";
import { personalDataDownload } from "~/workflows/personal-data.server.ts";

/** The signed-in person's own register extract (GDPR art. 15): everything about them, as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const response = await personalDataDownload(user.id, "all");
  if (!response) throw notFound();
  return response;
}
