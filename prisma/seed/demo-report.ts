import { stockholmDate } from "~/domain/dates.ts";
import { t } from "~/i18n/sv.ts";
import { addNote, changeStatus } from "~/models/action.server.ts";
import { saveReport } from "~/models/follow-up-report.server.ts";
import { setEvaluationTarget } from "~/models/municipality.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { currentReport } from "~/workflows/readiness.server.ts";
import { formatDate } from "~/utils/format.ts";

const DAY = 86_400_000;

/** Demo status texts per open action (earliest deadline first), oldest first; fictional. */
const STATUS_NOTES: ReadonlyArray<ReadonlyArray<{ daysAgo: number; text: string }>> = [
  [
    { daysAgo: 75, text: "Arbetet har startat. En arbetsgrupp med representanter från förvaltningarna är utsedd." },
    { daysAgo: 35, text: "Underlaget är försenat eftersom upphandlingen av konsultstöd drog ut på tiden. Ny plan tas fram under hösten." },
  ],
  [{ daysAgo: 40, text: "Utkast till rutin är skickat på remiss till förvaltningarna. Svar väntas inom en månad." }],
  [
    { daysAgo: 50, text: "Kartläggning av nuläget pågår." },
    { daysAgo: 6, text: "Kartläggningen är klar och redovisas för ledningsgruppen nästa vecka." },
  ],
];

/** The demo report's cover text to the council; fictional. */
const COVER_TEXT =
  "Kommunen har sedan förra utvärderingen arbetat med åtgärder inom samtliga områden. Flera åtgärder är klara och prognosen pekar mot en höjning av totalpoängen.\n\nNågra åtgärder är försenade, främst på grund av upphandlingar som tagit längre tid än planerat. Lägesbeskrivningarna nedan visar hur arbetet går för var och en.";

/**
 * Readiness and reporting for the demo: a planned evaluation and target, completion dates
 * spread over the past months, a follow-up report saved four weeks ago, and two actions
 * finished since, so "what changed since the previous report" has something to say. A few
 * open actions carry a status text (lägesbeskrivning) dated in the past, and the saved report a
 * cover text to the council (ADR 0042). All fictional.
 */
export async function seedDemoReport(municipalityId: string, coordinatorId: string, now = new Date()) {
  const db = getDb();
  await setEvaluationTarget(municipalityId, { nextEvaluationDate: stockholmDate(new Date(now.getTime() + 330 * DAY)), targetTotal: 650 });
  const done = await db.action.findMany({ where: { municipalityId, status: "DONE" }, });
  for (const action of done) {
    const completed = Math.min(action.deadline.getTime() - 3 * DAY, now.getTime() - 35 * DAY);
    await db.action.update({ where: { id: action.id }, data: { completedAt: new Date(completed) } });
  }
  // The two finished after the report; the status texts go to actions that stay open.
  const inProgress = await db.action.findMany({ where: { municipalityId, status: "IN_PROGRESS" }, orderBy: { deadline: "asc" }, take: 2 });
  const open = await db.action.findMany({
    where: { municipalityId, status: { in: ["IN_PROGRESS", "NOT_STARTED"] }, id: { notIn: inProgress.map((a) => a.id) } },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
    take: STATUS_NOTES.length,
  });
  for (const [i, action] of open.entries()) {
    for (const note of STATUS_NOTES[i]!) {
      await db.actionStatusNote.create({
        data: { actionId: action.id, municipalityId, authorId: action.ownerId ?? coordinatorId, text: note.text, createdAt: new Date(now.getTime() - note.daysAgo * DAY) },
      });
    }
  }
  const reportDay = new Date(now.getTime() - 28 * DAY);
  const snapshot = await currentReport(municipalityId, reportDay);
  if (!snapshot) return;
  await saveReport(municipalityId, coordinatorId, t.report.defaultTitle(formatDate(snapshot.asOf)), snapshot, reportDay, COVER_TEXT);
  for (const action of inProgress) {
    await addNote(municipalityId, action.id, "Klart: beslutat och infört i verksamheten.", action.ownerId ?? coordinatorId);
    await changeStatus(municipalityId, action.id, action.version, "DONE", null, action.ownerId ?? coordinatorId);
  }
}
