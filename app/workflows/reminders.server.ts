import { TZDate } from "@date-fns/tz";
import { isLate } from "~/domain/actions/status.ts";
import { dueNotifications, type DueNotification } from "~/domain/reminder-policy.ts";
import { isoDate, stockholmDate, TIME_ZONE } from "~/domain/dates.ts";
import { STATUS_NOTE_ANCHOR, statusNoteDue } from "~/domain/actions/status-note.ts";
import { reminderMail, type MailContent } from "~/domain/mail-templates.ts";
import { storedIdentities, storeMails } from "~/models/mail.server.ts";
import { loadPolicyData, loadReminderMailData } from "~/models/reminders.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { swedishHolidays } from "~/platform/holidays.server.ts";
import { textToHtml } from "~/platform/mailer.server.ts";
import { readinessFor } from "./readiness.server.ts";
import { paths } from "~/paths.ts";

/**
 * The reminder job's work: ask the policy what is due now, render each notification in
 * Swedish, store it under its identity (at most once) and hand new ones to the mail queue.
 */

/** 07:00 in Stockholm on a date, as an instant. */
export function sendInstant(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, 7, 0, 0, TIME_ZONE).getTime());
}

export async function computeDue(now: Date, municipalityId?: string): Promise<DueNotification[]> {
  const data = await loadPolicyData(municipalityId);
  const year = Number(isoDate(now).slice(0, 4));
  return dueNotifications({ ...data, holidays: swedishHolidays(year - 1, year + 2), now });
}

/**
 * The mail for each notification, in Swedish, from data loaded in one go for the whole batch
 * (however many mails there are, the number of queries stays the same).
 */
async function renderAll(due: DueNotification[], now: Date): Promise<Map<string, MailContent>> {
  const actionIds = new Set<string>();
  for (const n of due) {
    if (n.actionId) actionIds.add(n.actionId);
    for (const item of n.items ?? []) actionIds.add(item.actionId);
  }
  const readinessMunicipalityIds = [...new Set(due.filter((n) => n.kind === "readiness").map((n) => n.municipalityId))];
  const [data, readiness] = await Promise.all([
    loadReminderMailData({
      actionIds: [...actionIds],
      recipientIds: [...new Set(due.map((n) => n.recipientId))],
      municipalityIds: [...new Set(due.map((n) => n.municipalityId))],
      readinessMunicipalityIds,
    }),
    // The projection once per municipality with a summary due, not once per mail.
    Promise.all(readinessMunicipalityIds.map(async (id) => [id, await readinessFor(id, now)] as const)).then((rows) => new Map(rows)),
  ]);
  const link = (actionId: string) => {
    const a = data.actions.get(actionId)!;
    return `${publicUrl()}${paths.action(a.municipality.slug, actionId)}`;
  };
  // The owner is asked for a lägesbeskrivning when the latest is missing or stale (ADR 0042),
  // in a single reminder and in the weekly digest alike; nobody else is asked.
  const today = stockholmDate(now);
  const statusRequestLink = (actionId: string, recipientId: string) => {
    const a = data.actions.get(actionId)!;
    const latest = a.statusNotes[0]?.createdAt;
    const asks = recipientId === a.ownerId && statusNoteDue(latest ? stockholmDate(latest) : null, today);
    return asks ? `${link(actionId)}#${STATUS_NOTE_ANCHOR}` : null;
  };
  const rendered = new Map<string, MailContent>();
  for (const n of due) {
    const recipientName = data.recipientNames.get(n.recipientId) ?? "";
    let mail: MailContent;
    if (n.kind === "digest") {
      // An action listed twice (due soon, then late) asks for its lägesbeskrivning once.
      const asked = new Set<string>();
      const items = (n.items ?? []).flatMap((item) => {
        const a = data.actions.get(item.actionId);
        if (!a) return [];
        const request = asked.has(item.actionId) ? null : statusRequestLink(item.actionId, n.recipientId);
        asked.add(item.actionId);
        return [{ kind: item.kind, title: a.title, deadline: a.deadline, link: link(item.actionId), statusRequestLink: request }];
      });
      mail = reminderMail({ kind: "digest", recipientName, items });
    } else if (n.kind === "readiness") {
      const m = data.municipalities.get(n.municipalityId)!;
      const plan = data.plans.get(m.id) ?? [];
      const counts = {
        open: plan.filter((a) => a.status === "NOT_STARTED" || a.status === "IN_PROGRESS").length,
        late: plan.filter((a) => isLate({ status: a.status, deadline: isoDate(a.deadline) }, now)).length,
        done: plan.filter((a) => a.status === "DONE").length,
      };
      mail = reminderMail({
        kind: "readiness",
        recipientName,
        daysLeft: n.daysLeft ?? 0,
        municipalityName: m.name,
        nextEvaluationDate: m.nextEvaluationDate,
        counts,
        projection: readiness.get(m.id)?.projection.total ?? null,
        link: `${publicUrl()}${paths.readiness(m.slug)}`,
      });
    } else {
      const a = data.actions.get(n.actionId!)!;
      mail = reminderMail({
        kind: n.kind,
        recipientName,
        title: a.title,
        deadline: a.deadline,
        ownerName: a.owner?.name ?? null,
        link: link(a.id),
        statusRequestLink: statusRequestLink(a.id, n.recipientId),
      });
    }
    rendered.set(n.identity, mail);
  }
  return rendered;
}

/** One run of the reminder job. Safe to run as often as wanted, by any number of workers. */
export async function runReminderTick(now: Date, enqueue: (mailIds: string[]) => Promise<unknown>, municipalityId?: string) {
  const due = await computeDue(now, municipalityId);
  const known = await storedIdentities(due.map((n) => n.identity));
  const fresh = due.filter((n) => !known.has(n.identity));
  const rendered = await renderAll(fresh, now);
  const pending = await storeMails(
    fresh.map((n) => {
      const r = rendered.get(n.identity)!;
      return {
        identity: n.identity,
        municipalityId: n.municipalityId,
        recipient: n.recipient,
        subject: r.subject,
        text: r.text,
        html: textToHtml(r.text),
        actionId: n.actionId,
        kind: n.kind,
        sendAt: sendInstant(n.sendDate),
      };
    }),
  );
  // Handed on in one go: the queue adds them in a few batches instead of one call per mail.
  await enqueue(pending);
  return { due: due.length, stored: fresh.length, queued: pending.length };
}
