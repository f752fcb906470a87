import { createHash, randomBytes } from "node:crypto";
import { RESET_LINK_TTL_MS, resetLinkExpiry, type ResetThrottle } from "~/domain/password-reset.ts";
import { t } from "~/i18n/sv.ts";
import { storeMail } from "~/models/mail.server.ts";
import {
  createPasswordReset,
  findPasswordReset,
  recordResetRequest,
  redeemPasswordReset,
  type OpenedReset,
  type UsedReset,
} from "~/models/password-reset.server.ts";
import { findSignInUser } from "~/models/user.server.ts";
import { paths } from "~/paths.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { textToHtml } from "~/platform/mailer.server.ts";
import { hashPassword } from "~/platform/password.server.ts";
import { enqueueMailDelivery } from "~/platform/queue.server.ts";

/**
 * Forgotten password: a single-use link valid one hour, mailed only to the account's own
 * address (so no municipality, and nobody who merely knows the address, can use it to take over
 * an account, including an operator's). The page answers the same whether or not the address
 * has an account; only accounts that already have a password get a link (a pending invitation
 * is accepted through its own link). The token is random; only its SHA-256 is stored.
 */

/** Tokens are 32 random bytes in base64url; anything else is not looked up at all. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

function resetTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * `email` is already normalised. Throttled requests mail nothing. The link is made and mailed
 * after the answer (not awaited), so an account's address does not answer measurably slower
 * than an unknown one; the mail is stored before it is queued, and a failure is only logged.
 */
export async function requestPasswordReset(email: string, ip: string, now = new Date()): Promise<ResetThrottle> {
  const decision = await recordResetRequest(email, ip, now);
  if (!decision.allowed) return decision;
  void mailResetLink(email, now).catch((error: unknown) => {
    console.error("Could not mail the password reset link:", error);
  });
  return decision;
}

async function mailResetLink(email: string, now: Date): Promise<void> {
  const user = await findSignInUser(email);
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  const hash = resetTokenHash(token);
  await createPasswordReset(user.id, hash, resetLinkExpiry(now), now);
  const text = t.passwordReset.mailText(user.name, `${publicUrl()}${paths.resetPassword(token)}`, RESET_LINK_TTL_MS / 60_000);
  const mailId = await storeMail({
    identity: `password-reset:${hash}`,
    municipalityId: null,
    recipient: user.email,
    subject: t.passwordReset.mailSubject,
    text,
    html: textToHtml(text),
    kind: "password-reset",
  });
  await enqueueMailDelivery(mailId);
}

/** What the link is worth (opening it uses nothing: mail scanners open links). */
export async function openPasswordReset(token: string, now = new Date()): Promise<OpenedReset> {
  if (!TOKEN_FORMAT.test(token)) return { state: "unknown", person: null };
  return findPasswordReset(resetTokenHash(token), now);
}

/** Sets the new password through the link, once; ends every session of the account. */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<UsedReset> {
  if (!TOKEN_FORMAT.test(token)) return { ok: false, state: "unknown" };
  // Spent or expired links are refused before the (slow) hashing.
  const opened = await findPasswordReset(resetTokenHash(token), now);
  if (opened.state !== "open") return { ok: false, state: opened.state };
  return redeemPasswordReset(resetTokenHash(token), await hashPassword(password), now);
}
