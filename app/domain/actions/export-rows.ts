import { daysLate, type ActionStatus } from "./status.ts";
import { formatSignedPoints } from "~/utils/format.ts";

/** One row per action, as the Excel and CSV exports of the plan hold them. Pure. */

export interface ExportRow {
  area: string;
  item: string;
  title: string;
  owner: string;
  deadline: string;
  status: ActionStatus;
  daysLate: number;
  priority: "LOW" | "MEDIUM" | "HIGH";
  questions: string;
  deadlineChanges: number;
  /** Issue #14, item 5: the committee that owns the action and the council decision behind it ("" when none). */
  committee: string;
  decisionReference: string;
}

interface PlanForExport {
  areas: Array<{
    number: number;
    name: string;
    items: Array<{
      text: string;
      actions: Array<{
        title: string;
        ownerName: string | null;
        deadline: string;
        status: ActionStatus;
        priority: "LOW" | "MEDIUM" | "HIGH";
        deadlineChangeCount: number;
        effects: Array<{ code: string; expectedEffect: number }>;
        committeeName?: string | null;
        decisionReference?: string | null;
      }>;
    }>;
  }>;
}

export function exportRows(plan: PlanForExport, now: Date): ExportRow[] {
  return plan.areas.flatMap((area) =>
    area.items.flatMap((item) =>
      item.actions.map((a) => ({
        area: `${area.number}. ${area.name}`,
        item: item.text,
        title: a.title,
        owner: a.ownerName ?? "",
        deadline: a.deadline,
        status: a.status,
        daysLate: daysLate(a, now),
        priority: a.priority,
        questions: a.effects.map((e) => `${e.code} (${formatSignedPoints(e.expectedEffect)})`).join(", "),
        deadlineChanges: a.deadlineChangeCount,
        committee: a.committeeName ?? "",
        decisionReference: a.decisionReference ?? "",
      })),
    ),
  );
}
