import { t } from "~/i18n/sv.ts";
import { storeMail } from "~/models/mail.server.ts";
import { INVITATION_DAYS, inviteMember, type InviteInput, type Invited } from "~/models/user.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { textToHtml } from "~/platform/mailer.server.ts";
import { enqueueMailDelivery } from "~/platform/queue.server.ts";

/**
 * Invites a person and mails them. A link to choose a password is returned (so it can also be
 * shown) only when the account is this municipality's alone; a person who already has an account
 * elsewhere is told by mail that they were added, with a link to sign in, and the inviter learns
 * neither a link nor the account's name.
 */
export async function invitePerson(
  municipality: { id: string; name: string },
  input: InviteInput,
  actorId: string,
) {
  const invited = await inviteMember(municipality.id, input, actorId);
  return mailInvitation(municipality, invited);
}

/**
 * The mail of an invitation already recorded (by inviteMember or, inside a larger transaction,
 * inviteInTransaction), and what the inviter may learn of it.
 */
export async function mailInvitation(municipality: { id: string; name: string }, invited: Invited) {
  const link = invited.token ? `${publicUrl()}/inbjudan/${invited.token}` : `${publicUrl()}/logga-in`;
  const [subject, text] =
    invited.kind === "invited"
      ? [t.invitation.mailSubject(municipality.name), t.invitation.mailText(invited.name, municipality.name, link, INVITATION_DAYS)]
      : [t.invitation.addedMailSubject(municipality.name), t.invitation.addedMailText(municipality.name, link)];
  const mailId = await storeMail({
    identity: `invitation:${municipality.id}:${invited.userId}:${Date.now()}`,
    municipalityId: municipality.id,
    recipient: invited.email,
    subject,
    text,
    html: textToHtml(text),
    kind: "invitation",
  });
  await enqueueMailDelivery(mailId);
  return {
    userId: invited.userId,
    email: invited.email,
    link: invited.token ? link : null,
    outcome: invited.kind === "added" ? ("added" as const) : invited.again ? ("again" as const) : ("invited" as const),
  };
}

/** What the inviter is told: who was invited (or added), and the link when a new one was made. */
export function invitationNotice(invited: { email: string; link: string | null; outcome: "added" | "again" | "invited" }) {
  const say = { invited: t.users.invited, again: t.users.invitedAgain, added: t.users.addedExisting }[invited.outcome];
  return { ok: say(invited.email), link: invited.link };
}
