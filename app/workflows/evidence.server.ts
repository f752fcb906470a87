import type { z } from "zod";
import type { evidenceSchema } from "~/forms/action.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { addEvidence, removeEvidence } from "~/models/action.server.ts";
import { MAX_EVIDENCE_BYTES, removeStoredFile, storedFileName, storeFile } from "~/platform/file-storage.server.ts";
import { readUploadForm } from "~/http/upload.server.ts";

/**
 * Evidence added to an action: a link, or an uploaded file checked by its content (type, size,
 * not empty) and listed under its cleaned name.
 */

export type EvidenceForm = z.infer<typeof evidenceSchema>;

/**
 * Reads a form that may carry an evidence file. A file over the limit is refused as the file
 * field's error (the request is read to its end first, see `readUploadForm`).
 */
export async function readEvidenceUpload(request: Request): Promise<{ form: FormData } | { errors: FieldErrors }> {
  const read = await readUploadForm(request, MAX_EVIDENCE_BYTES);
  if ("tooLarge" in read) return { errors: { file: t.action.errors.fileSize } };
  return read;
}

/**
 * Adds the evidence the form describes to the action, storing its file if it is one. A refused
 * file answers the file field's error and stores nothing.
 */
export async function addEvidenceFromForm(
  municipalityId: string,
  actionId: string,
  evidence: EvidenceForm,
  file: FormDataEntryValue | null,
  addedById: string,
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const isFile = evidence.kind === "FILE";
  const hasFile = file instanceof Blob && file.size > 0;
  if (isFile && !hasFile) return { ok: false, errors: { file: t.action.errors.file } };
  let fileData: { storageKey: string; mimeType: string; sizeBytes: number; fileName: string } | null = null;
  if (isFile && hasFile) {
    const name = "name" in file ? String(file.name) : "fil";
    const stored = await storeFile(new Uint8Array(await file.arrayBuffer()), name);
    if (!stored.ok) {
      const message = stored.reason === "too-large" ? t.action.errors.fileSize : stored.reason === "empty" ? t.action.errors.file : t.action.errors.fileType;
      return { ok: false, errors: { file: message } };
    }
    fileData = { storageKey: stored.storageKey, mimeType: stored.mimeType, sizeBytes: stored.sizeBytes, fileName: storedFileName(name, stored.storageKey) };
  }
  await addEvidence(
    municipalityId,
    actionId,
    {
      kind: evidence.kind,
      title: evidence.title,
      url: evidence.kind === "LINK" ? evidence.url : null,
      evidenceDate: evidence.evidenceDate,
      ...(fileData ?? {}),
    },
    addedById,
  );
  return { ok: true };
}

/** Removes evidence from an action and deletes its stored file; false when it was not there. */
export async function removeEvidenceFromAction(municipalityId: string, actionId: string, evidenceId: string, actorId: string): Promise<boolean> {
  const removed = await removeEvidence(municipalityId, actionId, evidenceId, actorId);
  if (!removed) return false;
  if (removed.storageKey) await removeStoredFile(removed.storageKey);
  return true;
}
