/**
 * Response headers for a file the browser saves: a plain ASCII `filename` for old clients and
 * the real name as RFC 5987 `filename*` (UTF-8, percent-encoded). Control characters never
 * reach the header, and a lone surrogate cannot make the encoding throw.
 */
export function attachment(fileName: string, contentType: string) {
  const name = fileName.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "").replace(/\p{Cs}/gu, "\uFFFD") || "fil";
  return {
    "Content-Type": contentType,
    "Content-Disposition": `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`,
    "Cache-Control": "no-store",
  };
}

function asciiFallback(name: string): string {
  return name.replace(/[^\w.-]/g, "_");
}

/** encodeURIComponent leaves ' ( ) * as they are, which RFC 5987's attr-char does not allow. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
