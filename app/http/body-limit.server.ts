import { Transform, type Readable } from "node:stream";
import { FRAMEWORK_LIMITS } from "~/domain/framework-version.ts";
import { MAX_EVIDENCE_BYTES } from "~/platform/file-storage.server.ts";
import { MAX_PLAN_BYTES } from "~/platform/plan-file.server.ts";
import { MAX_REPORT_BYTES } from "~/platform/report-file.server.ts";

/**
 * How many bytes a request body may have, decided by its path before anything is parsed
 * (ADR 0008). Ordinary forms are small; only the two upload forms take files, and they get the
 * file limit plus room for the other fields and the multipart framing. The routes' own,
 * stricter checks then answer a file just over its limit next to the field.
 */
export const FORM_BODY_LIMIT = 1024 * 1024;
const UPLOAD_MARGIN = 2 * 1024 * 1024;

const UPLOAD_ROUTES: ReadonlyArray<[RegExp, number]> = [
  // Evidence on an action's page.
  [/^\/k\/[^/]+\/atgarder\/[^/]+(?:\.data)?\/?$/, MAX_EVIDENCE_BYTES + UPLOAD_MARGIN],
  // Reading a report for a new evaluation.
  [/^\/k\/[^/]+\/utvarderingar\/ny(?:\.data)?\/?$/, MAX_REPORT_BYTES + UPLOAD_MARGIN],
  // Uploading a framework version (operators; issue #13, item 1).
  [/^\/drift\/ramverk(?:\/_index)?(?:\.data)?\/?$/, FRAMEWORK_LIMITS.uploadBytes + UPLOAD_MARGIN],
  // An existing action plan from Excel or CSV (ADR 0038).
  [/^\/k\/[^/]+\/plan\/importera(?:\.data)?\/?$/, MAX_PLAN_BYTES + UPLOAD_MARGIN],
];

export function bodyLimitFor(pathname: string): number {
  for (const [pattern, limit] of UPLOAD_ROUTES) if (pattern.test(pathname)) return limit;
  return FORM_BODY_LIMIT;
}

/** A declared Content-Length over the limit (or one that is not a number) is refused unread. */
export function declaredTooLarge(contentLength: string | undefined, limit: number): boolean {
  if (contentLength === undefined) return false;
  const length = Number(contentLength);
  return !Number.isSafeInteger(length) || length < 0 || length > limit;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`);
  }
}

/**
 * Passes the body through while counting its bytes; past the limit it stops with
 * BodyTooLargeError (the body is never held in memory by this counter) and calls onExceeded
 * once, so the caller can answer 413 at once.
 */
export function countingBody(source: Readable, limit: number, onExceeded: () => void): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        onExceeded();
        callback(new BodyTooLargeError(limit));
        return;
      }
      callback(null, chunk);
    },
  });
  source.on("error", (error) => counter.destroy(error));
  // Whoever reads the body sees its errors through the web stream built on this one; when that
  // reader gives up (a form with too many parts, a client gone), the stream is destroyed with
  // the reason, and without a listener Node would treat that as uncaught and end the process.
  counter.on("error", () => {});
  return source.pipe(counter);
}
