import { useMatches } from "@remix-run/react";

/**
 * The hidden per-render key that lets the server process a form submission once (see
 * app/http/submission.server.ts). It comes from the nearest route loader that returns
 * `submissionKey: newSubmissionKey()`; put this inside every form that creates something.
 */
export function SubmissionKey() {
  const key = useMatches()
    .map((match) => (match.data as { submissionKey?: unknown } | undefined)?.submissionKey)
    .findLast((value): value is string => typeof value === "string");
  return key ? <input type="hidden" name="submissionKey" value={key} /> : null;
}
