import { createHash, randomUUID } from "node:crypto";
import { data, redirect } from "@remix-run/node";
import { claimSubmission, completeSubmission, releaseSubmission, type SubmissionAnswer } from "~/models/form-submission.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";

/**
 * Once per form submission. Every create form carries a random key from the page it was
 * rendered on (the loader's `submissionKey: newSubmissionKey()`, shown by `<SubmissionKey />`
 * as the hidden field `submissionKey`; loaders run again after every submission, so each
 * render has its own key). An action that creates something runs its
 * change through `oncePerSubmission`, so a double click, a resent post or a retry after a lost
 * answer changes nothing the second time and gets the first post's answer (the same redirect).
 * A post without a (well-formed) key is processed as before, so tools and old pages keep working.
 * A refused post (4xx answer) or an error releases the key: the corrected form may be sent again.
 */

export const SUBMISSION_FIELD = "submissionKey";
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How long a repeated post waits for the first one to finish. */
const WAIT_MS = 15_000;
const POLL_MS = 50;

/** A fresh key for the forms of a page; return it from the loader as `submissionKey`. */
export function newSubmissionKey(): string {
  return randomUUID();
}

interface DataResult {
  type: "DataWithResponseInit";
  data: unknown;
  init: ResponseInit | null;
}

const isDataResult = (value: unknown): value is DataResult =>
  typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";

const redirectTarget = (value: unknown): string | null =>
  value instanceof Response && value.status >= 300 && value.status < 400 ? value.headers.get("Location") : null;

function replay<T>(answer: SubmissionAnswer): T {
  if ("redirect" in answer) throw redirect(answer.redirect);
  return data(answer.data) as T;
}

/**
 * Runs `change` once per (user, submitted key, form). `remember` turns a successful answer that
 * is not a redirect (e.g. "invitation sent") into what a repeat is shown; without it, only
 * redirects are remembered.
 */
export async function oncePerSubmission<T>(
  request: Request,
  form: FormData,
  userId: string,
  change: () => Promise<T>,
  remember?: (result: T) => Prisma.InputJsonValue,
): Promise<T> {
  const submitted = form.get(SUBMISSION_FIELD);
  if (typeof submitted !== "string" || !KEY.test(submitted)) return change();
  const { pathname } = new URL(request.url);
  const key = createHash("sha256").update(`${submitted}\n${pathname}\n${String(form.get("intent") ?? "")}`).digest("hex");

  const giveUpAt = Date.now() + WAIT_MS;
  for (;;) {
    const claim = await claimSubmission(userId, key);
    if (claim.claimed) break;
    if ("answer" in claim && claim.answer) return replay<T>(claim.answer);
    // The first post is still running (or was just released): wait for its answer.
    if (Date.now() > giveUpAt) throw redirect(pathname);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }

  let result: T;
  try {
    result = await change();
  } catch (thrown) {
    const target = redirectTarget(thrown);
    if (target) await completeSubmission(userId, key, { redirect: target });
    else await releaseSubmission(userId, key);
    throw thrown;
  }
  const target = redirectTarget(result);
  if (target) await completeSubmission(userId, key, { redirect: target });
  else if (remember && isDataResult(result) && (result.init?.status ?? 200) < 400) await completeSubmission(userId, key, { data: remember(result) });
  else await releaseSubmission(userId, key);
  return result;
}
