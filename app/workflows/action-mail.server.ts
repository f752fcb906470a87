import { assignmentMail } from "~/domain/mail-templates.ts";
import { assignmentMailData } from "~/models/action.server.ts";
import { storeMail, storeMails } from "~/models/mail.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { textToHtml } from "~/platform/mailer.server.ts";
import { enqueueMailDeliveries, enqueueMailDelivery } from "~/platform/queue.server.ts";
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

/**
 * The same mail as notifyAssignment for many new actions at once (the plan import), stored and
 * queued in batches; the identities are those notifyAssignment would give, so neither sends twice.
 */
export async function notifyAssignments(
  municipality: { id: string; slug: string },
  actions: ReadonlyArray<{ id: string; title: string; deadline: string; version: number; owner: { id: string; name: string; email: string } }>,
) {
  const mails = actions.map((action) => {
    const link = `${publicUrl()}${paths.action(municipality.slug, action.id)}`;
    const { subject, text } = assignmentMail({ ownerName: action.owner.name, title: action.title, deadline: action.deadline, link });
    return {
      identity: `assigned:${action.id}:${action.owner.id}:${action.version}`,
      municipalityId: municipality.id,
      recipient: action.owner.email,
      subject,
      text,
      html: textToHtml(text),
      actionId: action.id,
      kind: "assigned",
    };
  });
  await enqueueMailDeliveries(await storeMails(mails));
}
