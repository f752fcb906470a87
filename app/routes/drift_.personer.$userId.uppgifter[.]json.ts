import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireOperator } from "~/http/access.server.ts";
import { personalDataDownload } from "~/workflows/personal-data.server.ts";

/** Any person's complete register extract, for operators. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOperator(request);
  const userId = z.uuid().safeParse(params.userId);
  if (!userId.success) throw notFound();
  const response = await personalDataDownload(userId.data, "all");
  if (!response) throw notFound();
  return response;
}
