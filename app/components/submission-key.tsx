import { useRouteLoaderData } from "@remix-run/react";

/**
 * The hidden per-render key that lets the server process a form submission once
 * (see app/services/submission.server.ts). The root loader makes a new one for every page
 * and after every submission. Put it inside every form that creates something.
 */
export function SubmissionKey() {
  const root = useRouteLoaderData<{ submissionKey: string }>("root");
  return root?.submissionKey ? <input type="hidden" name="submissionKey" value={root.submissionKey} /> : null;
}
