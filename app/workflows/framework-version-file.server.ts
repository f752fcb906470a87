import { sheetRowsToVersion } from "~/domain/framework-version-sheet.ts";
import { checkFrameworkVersion, FRAMEWORK_LIMITS, type FrameworkVersionInput } from "~/domain/framework-version.ts";
import { t } from "~/i18n/sv.ts";
import { createFrameworkVersion, FrameworkAdminError, frameworkKeyTaken } from "~/models/framework-admin.server.ts";
import { versionToXlsx, xlsxToRows } from "~/render/framework-version-xlsx.server.ts";

/**
 * Uploading and downloading a framework version in the one documented format
 * (docs/framework-version-format.md): JSON (one version object) or .xlsx (one sheet). A file
 * that fails any check stores nothing; the errors are listed in Swedish, by row for a sheet.
 */

const e = t.frameworkAdmin.errors;

export type FileRead = { ok: true; version: FrameworkVersionInput } | { ok: false; errors: string[] };

const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads an uploaded file as a version: by content (a zip is a workbook), else JSON. */
export async function readFrameworkVersionFile(bytes: Uint8Array): Promise<FileRead> {
  if (bytes.length > FRAMEWORK_LIMITS.uploadBytes) return { ok: false, errors: [e.fileSize] };
  if (isZip(bytes)) {
    const rows = await xlsxToRows(bytes);
    return rows ? sheetRowsToVersion(rows) : { ok: false, errors: [e.xlsx] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, errors: [e.json] };
  }
  const checked = checkFrameworkVersion(raw);
  return checked.ok ? checked : { ok: false, errors: checked.problems.map((p) => p.message) };
}

/** Reads and stores an uploaded version; a taken key or any error stores nothing. */
export async function uploadFrameworkVersion(bytes: Uint8Array, actorId: string): Promise<{ ok: true; key: string; name: string } | { ok: false; errors: string[]; status: number }> {
  const read = await readFrameworkVersionFile(bytes);
  if (!read.ok) return { ok: false, errors: read.errors, status: 422 };
  if (await frameworkKeyTaken(read.version.key)) return { ok: false, errors: [e.keyTaken], status: 409 };
  try {
    const created = await createFrameworkVersion(read.version, actorId);
    return { ok: true, key: created.key, name: created.name };
  } catch (error) {
    if (error instanceof FrameworkAdminError && error.code === "key-taken") return { ok: false, errors: [e.keyTaken], status: 409 };
    throw error;
  }
}

/** The version as a downloadable file: body, type and file name. */
export async function frameworkVersionFile(version: FrameworkVersionInput, format: "xlsx" | "json") {
  if (format === "json") {
    return { body: `${JSON.stringify(version, null, 2)}\n`, type: "application/json; charset=utf-8", name: `ramverk-${version.key}.json` };
  }
  return {
    body: new Uint8Array(await versionToXlsx(version)),
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    name: `ramverk-${version.key}.xlsx`,
  };
}
