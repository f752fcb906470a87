import { stockholmDate } from "~/domain/dates.ts";
import { t } from "~/i18n/sv.ts";
import { addNote, changeStatus } from "~/models/action.server.ts";
import { saveReport } from "~/models/follow-up-report.server.ts";
import { setEvaluationTarget } from "~/models/municipality.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { currentReport } from "~/workflows/readiness.server.ts";
import { formatDate } from "~/utils/format.ts";

const DAY = 86_400_000;

/**
 * Readiness and reporting for the demo: a planned evaluation and target, completion dates
 * spread over the past months, a follow-up report saved four weeks ago, and two actions
 * finished since, so "what changed since the previous report" has something to say.
 */
export async function seedDemoReport(municipalityId: string, coordinatorId: string, now = new Date()) {
  const db = getDb();
  await setEvaluationTarget(municipalityId, { nextEvaluationDate: stockholmDate(new Date(now.getTime() + 330 * DAY)), targetTotal: 650 });
  const done = await db.action.findMany({ where: { municipalityId, status: "DONE" }, });
  for (const action of done) {
    const completed = Math.min(action.deadline.getTime() - 3 * DAY, now.getTime() - 35 * DAY);
    await db.action.update({ where: { id: action.id }, data: { completedAt: new Date(completed) } });
  }
  const reportDay = new Date(now.getTime() - 28 * DAY);
  const snapshot = await currentReport(municipalityId, reportDay);
  if (!snapshot) return;
  await saveReport(municipalityId, coordinatorId, t.report.defaultTitle(formatDate(snapshot.asOf)), snapshot, reportDay);
  const inProgress = await db.action.findMany({ where: { municipalityId, status: "IN_PROGRESS" }, orderBy: { deadline: "asc" }, take: 2 });
  for (const action of inProgress) {
    await addNote(municipalityId, action.id, "Klart: beslutat och infört i verksamheten.", action.ownerId ?? coordinatorId);
    await changeStatus(municipalityId, action.id, action.version, "DONE", null, action.ownerId ?? coordinatorId);
  }
}
