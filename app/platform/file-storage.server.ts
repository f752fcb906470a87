import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { cleanFileName } from "~/domain/file-name.ts";
import { getEnv } from "./env.server.ts";

/**
 * Evidence files, stored outside the web root under UPLOAD_DIR (default .data/uploads) by a
 * random key; served only through a route that checks access. The type is decided by content.
 */

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

const ALLOWED: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};
/** Old Word and Excel files share one container format; the name tells which. */
const LEGACY: Record<string, string> = { doc: "application/msword", xls: "application/vnd.ms-excel" };

export function uploadDir(): string {
  const env = getEnv();
  return env.UPLOAD_DIR ?? path.join(env.KOMPASSPLAN_DATA_DIR ?? path.join(process.cwd(), ".data"), "uploads");
}

export type StoreResult =
  | { ok: true; storageKey: string; mimeType: string; sizeBytes: number; ext: string }
  | { ok: false; reason: "too-large" | "type" | "empty" };

export async function checkFile(bytes: Uint8Array, fileName: string): Promise<{ ok: true; mimeType: string; ext: string } | { ok: false; reason: "too-large" | "type" | "empty" }> {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > MAX_EVIDENCE_BYTES) return { ok: false, reason: "too-large" };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected && ALLOWED[detected.ext]) return { ok: true, mimeType: ALLOWED[detected.ext]!, ext: detected.ext };
  const nameExt = path.extname(fileName).slice(1).toLowerCase();
  if (detected?.ext === "cfb" && LEGACY[nameExt]) return { ok: true, mimeType: LEGACY[nameExt]!, ext: nameExt };
  return { ok: false, reason: "type" };
}

export async function storeFile(bytes: Uint8Array, fileName: string): Promise<StoreResult> {
  const checked = await checkFile(bytes, fileName);
  if (!checked.ok) return checked;
  const storageKey = `${randomUUID()}.${checked.ext}`;
  await mkdir(uploadDir(), { recursive: true });
  await writeFile(path.join(uploadDir(), storageKey), bytes, { flag: "wx" });
  return { ok: true, storageKey, mimeType: checked.mimeType, sizeBytes: bytes.byteLength, ext: checked.ext };
}

/**
 * The name a stored file is listed and downloaded under: the uploaded name with the extension of
 * the detected type (kept in the storage key) and without control or bidi characters. Applied
 * when saving and again when showing, for files saved before names were cleaned.
 */
export function storedFileName(fileName: string | null, storageKey: string): string {
  return cleanFileName(fileName ?? "underlag", path.extname(storageKey).slice(1));
}

/** Removes a stored file (evidence removed from its action); a file already gone is no error. */
export async function removeStoredFile(storageKey: string): Promise<void> {
  if (!/^[0-9a-f-]{36}\.[a-z]{3,4}$/.test(storageKey)) throw new Error("bad storage key");
  await rm(path.join(uploadDir(), storageKey), { force: true });
}

export async function readStoredFile(storageKey: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}\.[a-z]{3,4}$/.test(storageKey)) throw new Error("bad storage key");
  return readFile(path.join(uploadDir(), storageKey));
}
