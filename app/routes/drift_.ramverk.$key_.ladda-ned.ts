import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireOperator } from "~/http/access.server.ts";
import { attachment } from "~/http/download.server.ts";
import { frameworkVersionForDownload } from "~/models/framework-admin.server.ts";
import { frameworkVersionFile } from "~/workflows/framework-version-file.server.ts";

/** A framework version in the documented upload format (docs/framework-version-format.md): ?format=xlsx or json. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOperator(request);
  const format = new URL(request.url).searchParams.get("format");
  if (format !== "xlsx" && format !== "json") throw notFound();
  const version = params.key ? await frameworkVersionForDownload(params.key) : null;
  if (!version) throw notFound();
  const file = await frameworkVersionFile(version, format);
  return new Response(file.body, { headers: attachment(file.name, file.type) });
}
