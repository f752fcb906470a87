import { createHash, randomBytes } from "node:crypto";
import { SIGN_IN_LINK_TTL_MS } from "~/domain/signin-throttle.ts";
import { t } from "~/i18n/sv.ts";
import { storeMail } from "~/models/mail.server.ts";
import { consumeSignInLink, createSignInLink, findOpenSignInLink } from "~/models/session.server.ts";
import { findSignInUser } from "~/models/user.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { textToHtml } from "~/platform/mailer.server.ts";
import { enqueueMailDelivery } from "~/platform/queue.server.ts";

/**
 * Single-use sign-in links, mailed to the owner of an account whose password sign-in is
 * throttled, so an attacker who fails on purpose cannot lock the owner out. Only a hash of the
 * token is stored; the caller answers the same whether or not the account exists.
 */
export function linkTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function mailSignInLink(email: string, now = new Date()): Promise<void> {
  const user = await findSignInUser(email);
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  const hash = linkTokenHash(token);
  if (!(await createSignInLink(user.id, hash, new Date(now.getTime() + SIGN_IN_LINK_TTL_MS), now))) return;
  const text = t.signIn.linkMailText(user.name, `${publicUrl()}/logga-in/lank/${token}`, SIGN_IN_LINK_TTL_MS / 60_000);
  const mailId = await storeMail({
    identity: `sign-in-link:${hash}`,
    municipalityId: null,
    recipient: user.email,
    subject: t.signIn.linkMailSubject,
    text,
    html: textToHtml(text),
    kind: "sign-in-link",
  });
  await enqueueMailDelivery(mailId);
}

export function openSignInLink(token: string) {
  return findOpenSignInLink(linkTokenHash(token));
}

export function redeemSignInLink(token: string) {
  return consumeSignInLink(linkTokenHash(token));
}
