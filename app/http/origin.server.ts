/**
 * Refuses state-changing requests that come from another origin (cross-site request forgery).
 * Browsers send Origin on every POST; Sec-Fetch-Site covers the rare request without it.
 *
 * Origins are compared whole (scheme, host and port): the request's own origin is
 * `protocol://host`, where the host is the one Remix compares too (X-Forwarded-Host before
 * Host). The configured public origins (PUBLIC_URL) are accepted only when their host is that
 * same host, because Remix's own check would otherwise abort the action with a 500.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOriginHeaders {
  origin?: string | undefined;
  host?: string | undefined;
  forwardedHost?: string | undefined;
  /** "http" or "https": how the request reached us (Express's req.protocol). */
  protocol?: string | undefined;
  secFetchSite?: string | undefined;
}

export function isCrossOriginMutation(
  method: string,
  headers: RequestOriginHeaders,
  allowedOrigins: readonly string[] = [],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (headers.origin === "null") return true;
  if (headers.origin) {
    let origin: URL;
    try {
      origin = new URL(headers.origin);
    } catch {
      return true;
    }
    const host = headers.forwardedHost?.split(",")[0]?.trim() || headers.host;
    if (!host || origin.host !== host.toLowerCase()) return true;
    if (allowedOrigins.includes(origin.origin)) return false;
    return origin.origin !== `${headers.protocol ?? "http"}://${host.toLowerCase()}`;
  }
  return headers.secFetchSite === "cross-site" || headers.secFetchSite === "same-site";
}
