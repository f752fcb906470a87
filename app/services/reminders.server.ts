import { TZDate } from "@date-fns/tz";
import { isLate } from "~/domain/actions/status.ts";
import { dueNotifications, type DueNotification } from "~/domain/reminder-policy.ts";
import { isoDate } from "~/domain/dates.ts";
import { t } from "~/i18n/sv.ts";
import { loadPolicyData, storeNotifications } from "~/models/reminders.server.ts";
import { getDb } from "./db.server.ts";
import { publicUrl } from "./env.server.ts";
import { swedishHolidays } from "./holidays.server.ts";
import { textToHtml } from "./mailer.server.ts";
import { readinessFor } from "./readiness.server.ts";
import { formatDate } from "~/utils/format.ts";
import { paths } from "~/paths.ts";

/**
 * The reminder job's work: ask the policy what is due now, render each notification in
 * Swedish, store it under its identity (at most once) and hand new ones to the mail queue.
 */

/** 07:00 in Stockholm on a date, as an instant. */
export function sendInstant(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, 7, 0, 0, "Europe/Stockholm").getTime());
}

export async function computeDue(now: Date, municipalityId?: string): Promise<DueNotification[]> {
  const data = await loadPolicyData(municipalityId);
  const year = Number(isoDate(now).slice(0, 4));
  return dueNotifications({ ...data, holidays: swedishHolidays(year - 1, year + 2), now });
}

interface Rendered {
  subject: string;
  text: string;
}

async function renderAll(due: DueNotification[], now: Date): Promise<Map<string, Rendered>> {
  const actionIds = new Set<string>();
  for (const n of due) {
    if (n.actionId) actionIds.add(n.actionId);
    for (const item of n.items ?? []) actionIds.add(item.actionId);
  }
  const db = getDb();
  const actions = new Map(
    (
      await db.action.findMany({
        where: { id: { in: [...actionIds] } },
        select: { id: true, title: true, deadline: true, owner: { select: { name: true } }, municipality: { select: { slug: true } } },
      })
    ).map((a) => [a.id, a]),
  );
  const recipients = new Map(
    (await db.user.findMany({ where: { id: { in: [...new Set(due.map((n) => n.recipientId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const municipalities = new Map(
    (
      await db.municipality.findMany({
        where: { id: { in: [...new Set(due.map((n) => n.municipalityId))] } },
        select: { id: true, slug: true, name: true, nextEvaluationDate: true },
      })
    ).map((m) => [m.id, m]),
  );
  const link = (actionId: string) => {
    const a = actions.get(actionId)!;
    return `${publicUrl()}${paths.action(a.municipality.slug, actionId)}`;
  };
  const rendered = new Map<string, Rendered>();
  for (const n of due) {
    const name = recipients.get(n.recipientId) ?? "";
    const lines = [t.reminders.greeting(name), ""];
    let subject: string;
    if (n.kind === "digest") {
      subject = t.reminders.subject.digest();
      lines.push(t.reminders.digestIntro, "");
      for (const item of n.items ?? []) {
        const a = actions.get(item.actionId);
        if (!a) continue;
        lines.push(`• ${t.reminders.kindLabel[item.kind]}: ${a.title} (${formatDate(a.deadline)})`, `  ${link(item.actionId)}`);
      }
    } else if (n.kind === "readiness") {
      const m = municipalities.get(n.municipalityId)!;
      subject = t.reminders.subject.readiness(n.daysLeft ?? 0);
      const open = await db.action.findMany({ where: { municipalityId: m.id }, select: { status: true, deadline: true } });
      const counts = {
        open: open.filter((a) => a.status === "NOT_STARTED" || a.status === "IN_PROGRESS").length,
        late: open.filter((a) => isLate({ status: a.status, deadline: isoDate(a.deadline) }, now)).length,
        done: open.filter((a) => a.status === "DONE").length,
      };
      const readiness = await readinessFor(m.id, now);
      lines.push(
        t.reminders.readinessIntro(m.name, m.nextEvaluationDate ? formatDate(m.nextEvaluationDate) : ""),
        t.reminders.readinessCounts(counts),
        ...(readiness ? [t.reminders.readinessProjection(readiness.projection.total)] : []),
        "",
        t.reminders.open,
        `${publicUrl()}${paths.readiness(m.slug)}`,
      );
    } else {
      const a = actions.get(n.actionId!)!;
      const deadline = formatDate(a.deadline);
      subject = t.reminders.subject[n.kind](a.title);
      const body =
        n.kind === "escalation" || n.kind === "escalation-manager"
          ? t.reminders.body[n.kind](deadline, a.owner?.name ?? t.plan.unassigned)
          : n.kind === "silence"
            ? t.reminders.body.silence()
            : t.reminders.body[n.kind](deadline);
      lines.push(`${a.title}`, body, "", t.reminders.open, link(a.id));
    }
    lines.push("", t.reminders.signOff);
    rendered.set(n.identity, { subject, text: lines.join("\n") });
  }
  return rendered;
}

/** One run of the reminder job. Safe to run as often as wanted, by any number of workers. */
export async function runReminderTick(now: Date, enqueue: (mailId: string) => Promise<unknown>, municipalityId?: string) {
  const due = await computeDue(now, municipalityId);
  const known = new Set(
    (
      await getDb().mailMessage.findMany({ where: { identity: { in: due.map((n) => n.identity) } }, select: { identity: true } })
    ).map((m) => m.identity),
  );
  const fresh = due.filter((n) => !known.has(n.identity));
  const rendered = await renderAll(fresh, now);
  const pending = await storeNotifications(
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
  for (const id of pending) await enqueue(id);
  return { due: due.length, stored: fresh.length, queued: pending.length };
}
