import { t } from "~/i18n/sv.ts";
import { storeMail } from "~/models/mail.server.ts";
import { INVITATION_DAYS, inviteMember, type InviteInput } from "~/models/user.server.ts";
import { publicUrl } from "./env.server.ts";
import { textToHtml } from "./mailer.server.ts";
import { enqueueMailDelivery } from "./queue.server.ts";

/** Invites a person and mails them the link; returns the link so it can also be shown. */
export async function invitePerson(
  municipality: { id: string; name: string },
  input: InviteInput,
  actorId: string,
) {
  const invited = await inviteMember(municipality.id, input, actorId);
  const link = invited.token ? `${publicUrl()}/inbjudan/${invited.token}` : `${publicUrl()}/logga-in`;
  const text = t.invitation.mailText(invited.name, municipality.name, link, INVITATION_DAYS);
  const mailId = await storeMail({
    identity: `invitation:${municipality.id}:${invited.userId}:${Date.now()}`,
    municipalityId: municipality.id,
    recipient: invited.email,
    subject: t.invitation.mailSubject(municipality.name),
    text,
    html: textToHtml(text),
    kind: "invitation",
  });
  await enqueueMailDelivery(mailId);
  return { userId: invited.userId, email: invited.email, link: invited.token ? link : null };
}
