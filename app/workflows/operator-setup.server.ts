import { randomBytes } from "node:crypto";
import { setupLinkExpiry } from "~/domain/setup-link.ts";
import { storeFirstStartLink, storeOperatorLink, redeemSetupLink } from "~/models/operator-setup.server.ts";
import { hashPassword } from "~/platform/password.server.ts";
import { paths } from "~/paths.ts";

/**
 * The only ways an operator comes to be: the first-start link (printed by `npm start` and
 * `npm run setup` while there is no operator) and `npm run operator -- --email ADDRESS`. Both
 * print a one-time link (32 random bytes, valid 24 hours, only its hash stored) and nothing
 * else; no page creates an operator without one.
 */

const newToken = () => randomBytes(32).toString("base64url");

/** A fresh first-start link while no operator exists (earlier ones stop working); null once one does. */
export async function issueFirstStartLink(baseUrl: string, now = new Date()): Promise<string | null> {
  const token = newToken();
  const stored = await storeFirstStartLink(token, setupLinkExpiry(now), now);
  return stored ? `${baseUrl}${paths.operatorSetup(token)}` : null;
}

/** Creates or re-invites the operator with this address; returns the link where they choose a password. */
export async function issueOperatorLink(email: string, baseUrl: string, now = new Date()) {
  const token = newToken();
  const { created } = await storeOperatorLink(email, token, setupLinkExpiry(now), now);
  return { created, link: `${baseUrl}${paths.operatorSetup(token)}` };
}

/** Uses a link (see redeemSetupLink); throws SetupRefused when it may not be used. Returns the operator's id. */
export async function completeOperatorSetup(token: string, input: { name: string; email: string | null; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return redeemSetupLink(token, { name: input.name, email: input.email, passwordHash });
}
