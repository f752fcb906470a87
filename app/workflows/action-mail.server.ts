import { assignmentMail } from "~/domain/mail-templates.ts";
import { assignmentMailData } from "~/models/action.server.ts";
import { storeMail } from "~/models/mail.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { textToHtml } from "~/platform/mailer.server.ts";
import { enqueueMailDelivery } from "~/platform/queue.server.ts";
import { paths } from "~/paths.ts";

/** Tells a person that an action is now theirs (reminders proper come with the reminder jobs). */
export async function notifyAssignment(municipality: { id: string; slug: string; name: string }, actionId: string, ownerId: string | null) {
  if (!ownerId) return;
  const data = await assignmentMailData(municipality.id, actionId, ownerId);
  if (!data) return;
  const { owner, action } = data;
  const link = `${publicUrl()}${paths.action(municipality.slug, actionId)}`;
  const { subject, text } = assignmentMail({ ownerName: owner.name, title: action.title, deadline: action.deadline.toISOString().slice(0, 10), link });
  const mailId = await storeMail({
    identity: `assigned:${actionId}:${ownerId}:${action.version}`,
    municipalityId: municipality.id,
    recipient: owner.email,
    subject,
    text,
    html: textToHtml(text),
    actionId,
    kind: "assigned",
  });
  await enqueueMailDelivery(mailId);
}
