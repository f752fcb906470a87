/**
 * Refuses state-changing requests that come from another origin (cross-site request forgery).
 * Browsers send Origin on every POST; Sec-Fetch-Site covers the rare request without it.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossOriginMutation(
  method: string,
  headers: { origin?: string | undefined; host?: string | undefined; secFetchSite?: string | undefined },
  allowedOrigins: readonly string[] = [],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.origin && headers.origin !== "null") {
    if (allowedOrigins.includes(headers.origin)) return false;
    try {
      return new URL(headers.origin).host !== headers.host;
    } catch {
      return true;
    }
  }
  if (headers.origin === "null") return true;
  return headers.secFetchSite === "cross-site" || headers.secFetchSite === "same-site";
}
