import type { ReportAction, ReportChanges, ReportSnapshot } from "~/domain/follow-up-report.ts";
import { roundPoints } from "~/domain/points.ts";
import { t } from "~/i18n/sv.ts";
import { formatDate, formatPoints, formatSignedPoints } from "./format.ts";

/** The report's summary as sentences, the same on screen, in the PDF and in Excel. */
export function summaryParagraphs(snapshot: ReportSnapshot): string[] {
  const r = t.report;
  const c = snapshot.counts;
  const plan = r.summary({
    actions: c.actions,
    done: c.byStatus.DONE,
    inProgress: c.byStatus.IN_PROGRESS,
    notStarted: c.byStatus.NOT_STARTED,
    cancelled: c.byStatus.CANCELLED,
    late: c.late,
  });
  const projection = r.projectionLine(
    formatPoints(snapshot.total.current),
    formatPoints(snapshot.total.secured),
    formatPoints(snapshot.total.likely),
    formatPoints(snapshot.total.potential),
  );
  const next = snapshot.nextEvaluationDate ? r.nextEvaluation(formatDate(snapshot.nextEvaluationDate)) : r.noNextEvaluation;
  return [
    c.itemsWithoutAction > 0 ? `${plan} ${r.withoutAction(c.itemsWithoutAction)}` : plan,
    `${projection} ${next}`,
    ...(snapshot.targetTotal !== null ? [targetLine(snapshot.targetTotal, snapshot.total.likely)] : []),
    r.basedOn(snapshot.evaluation.year, snapshot.evaluation.version),
  ];
}

export function targetLine(target: number, likely: number): string {
  return t.readiness.targetLine(formatPoints(target), formatPoints(likely), formatSignedPoints(roundPoints(likely - target)));
}

/** The changed actions with their headings, in the order the page, the PDF and Excel show them. */
export function changedActionGroups(changes: ReportChanges): Array<{ title: string; actions: ReportAction[] }> {
  const r = t.report;
  return [
    { title: r.completed, actions: changes.completed },
    { title: r.added, actions: changes.added },
    { title: r.newlyLate, actions: changes.newlyLate },
    { title: r.cancelled, actions: changes.cancelled },
  ];
}

/** An action as the change lists print it: "Title (Owner)". */
export function withOwner(action: Pick<ReportAction, "title" | "owner">): string {
  return `${action.title} (${action.owner ?? t.report.noOwner})`;
}
