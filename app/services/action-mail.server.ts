import { t } from "~/i18n/sv.ts";
import { storeMail } from "~/models/mail.server.ts";
import { getDb } from "./db.server.ts";
import { publicUrl } from "./env.server.ts";
import { textToHtml } from "./mailer.server.ts";
import { enqueueMailDelivery } from "./queue.server.ts";
import { paths } from "~/paths.ts";

/** Tells a person that an action is now theirs (reminders proper come with the reminder jobs). */
export async function notifyAssignment(municipality: { id: string; slug: string; name: string }, actionId: string, ownerId: string | null) {
  if (!ownerId) return;
  const [owner, action] = await Promise.all([
    getDb().user.findUnique({ where: { id: ownerId }, select: { email: true, name: true } }),
    getDb().action.findFirst({ where: { id: actionId, municipalityId: municipality.id }, select: { title: true, deadline: true, version: true } }),
  ]);
  if (!owner || !action) return;
  const link = `${publicUrl()}${paths.action(municipality.slug, actionId)}`;
  const text = t.mail.assigned(owner.name, action.title, action.deadline.toISOString().slice(0, 10), link);
  const mailId = await storeMail({
    identity: `assigned:${actionId}:${ownerId}:${action.version}`,
    municipalityId: municipality.id,
    recipient: owner.email,
    subject: t.mail.assignedSubject(action.title),
    text,
    html: textToHtml(text),
    actionId,
    kind: "assigned",
  });
  await enqueueMailDelivery(mailId);
}
