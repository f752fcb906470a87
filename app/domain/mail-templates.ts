import { t } from "~/i18n/sv.ts";
import type { NotificationKind } from "./reminder-policy.ts";
import { formatDate, formatPoints } from "~/utils/format.ts";

/**
 * The text of every mail the product sends about actions: pure functions from data to
 * {subject, text}. Links arrive ready-made (the caller knows the public address); the HTML
 * part is made from the text when the mail is stored.
 */

export interface MailContent {
  subject: string;
  text: string;
}

/** An action has been given to a person (sent when the owner is set or changed). */
export function assignmentMail(data: { ownerName: string; title: string; deadline: string; link: string }): MailContent {
  return {
    subject: t.mail.assignedSubject(data.title),
    text: t.mail.assigned(data.ownerName, data.title, data.deadline, data.link),
  };
}

/** The notifications about one action (digests and readiness summaries have their own data). */
export type ActionReminderKind = Exclude<NotificationKind, "digest" | "readiness">;

export interface ActionReminderData {
  kind: ActionReminderKind;
  recipientName: string;
  title: string;
  deadline: Date | string;
  /** The action's owner; null when nobody owns it. */
  ownerName: string | null;
  link: string;
  /**
   * The action page's status text field, when the mail goes to the owner and the latest status
   * text is older than STATUS_NOTE_STALE_DAYS (or missing): the mail asks for a new one.
   */
  statusRequestLink?: string | null;
}

export interface DigestData {
  kind: "digest";
  recipientName: string;
  /** In the digest's order; an action that no longer exists is left out by the caller. */
  items: Array<{
    kind: NotificationKind;
    title: string;
    deadline: Date | string;
    link: string;
    /** As in a single reminder (ActionReminderData): the owner is asked for a lägesbeskrivning. */
    statusRequestLink?: string | null;
  }>;
}

export interface ReadinessSummaryData {
  kind: "readiness";
  recipientName: string;
  daysLeft: number;
  municipalityName: string;
  nextEvaluationDate: Date | string | null;
  counts: { open: number; late: number; done: number };
  /** The projected total; null when the municipality has no evaluation to project from. */
  projection: { current: number; secured: number; likely: number; potential: number } | null;
  link: string;
}

export type ReminderMailData = ActionReminderData | DigestData | ReadinessSummaryData;

/** A reminder, escalation, digest or readiness summary, as the reminder job stores it. */
export function reminderMail(data: ReminderMailData): MailContent {
  const lines = [t.reminders.greeting(data.recipientName), ""];
  let subject: string;
  if (data.kind === "digest") {
    subject = t.reminders.subject.digest();
    lines.push(t.reminders.digestIntro, "");
    for (const item of data.items) {
      lines.push(`• ${t.reminders.kindLabel[item.kind]}: ${item.title} (${formatDate(item.deadline)})`, `  ${item.link}`);
      if (item.statusRequestLink) lines.push(`  ${t.councilReport.digestRequest(item.statusRequestLink)}`);
    }
  } else if (data.kind === "readiness") {
    subject = t.reminders.subject.readiness(data.daysLeft);
    lines.push(
      t.reminders.readinessIntro(data.municipalityName, data.nextEvaluationDate ? formatDate(data.nextEvaluationDate) : ""),
      t.reminders.readinessCounts(data.counts),
      ...(data.projection
        ? [
            t.reminders.readinessProjection({
              current: formatPoints(data.projection.current),
              secured: formatPoints(data.projection.secured),
              likely: formatPoints(data.projection.likely),
              potential: formatPoints(data.projection.potential),
            }),
          ]
        : []),
      "",
      t.reminders.open,
      data.link,
    );
  } else {
    const deadline = formatDate(data.deadline);
    subject = t.reminders.subject[data.kind](data.title);
    const body =
      data.kind === "escalation" || data.kind === "escalation-manager"
        ? t.reminders.body[data.kind](deadline, data.ownerName ?? t.plan.unassigned)
        : data.kind === "silence"
          ? t.reminders.body.silence()
          : t.reminders.body[data.kind](deadline);
    lines.push(data.title, body, "", t.reminders.open, data.link);
    if (data.statusRequestLink) lines.push("", t.councilReport.reminderRequest(data.statusRequestLink));
  }
  lines.push("", t.reminders.signOff);
  return { subject, text: lines.join("\n") };
}
