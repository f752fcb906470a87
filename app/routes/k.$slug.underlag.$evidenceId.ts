import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { findEvidence } from "~/models/action.server.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { readStoredFile, storedFileName } from "~/platform/file-storage.server.ts";
import { attachment } from "~/http/download.server.ts";

/** An evidence file, only to members of the action's municipality. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  const id = z.uuid().safeParse(params.evidenceId);
  if (!id.success) throw notFound();
  const evidence = await findEvidence(municipality.id, id.data);
  if (!evidence?.storageKey) throw notFound();
  const bytes = await readStoredFile(evidence.storageKey);
  // The type detected at upload and a name that agrees with it; server.ts adds nosniff to every answer.
  return new Response(new Uint8Array(bytes), {
    headers: attachment(storedFileName(evidence.fileName, evidence.storageKey), evidence.mimeType ?? "application/octet-stream"),
  });
}
