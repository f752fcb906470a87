import { stockholmDate } from "~/domain/dates.ts";
import { effectCap } from "~/domain/actions/effects.ts";
import type { ActionStatus } from "~/domain/actions/status.ts";
import { suggestQuestions } from "~/domain/actions/suggest.ts";
import { addEvidence, addNote, changeStatus, createAction, getPlan, questionsForItem, type Priority } from "~/models/action.server.ts";
import { committeeChoices, createCommittee } from "~/models/committee.server.ts";

/**
 * A realistic plan for the demo municipality: actions for most improvement items, owned by the
 * demo users, in every status, some late, some due within 30 days, a few without an owner yet,
 * with notes and evidence.
 */

/** `unowned`: no owner chosen yet, so *Översikt* has actions without an owner to show (issue #14, item 1). */
const plan: Array<{ status: ActionStatus; days: number; priority: Priority; unowned?: true }> = [
  { status: "IN_PROGRESS", days: -21, priority: "HIGH" },
  { status: "NOT_STARTED", days: -9, priority: "MEDIUM" },
  { status: "DONE", days: -40, priority: "MEDIUM" },
  { status: "IN_PROGRESS", days: 12, priority: "HIGH" },
  { status: "NOT_STARTED", days: 45, priority: "LOW", unowned: true },
  { status: "IN_PROGRESS", days: 90, priority: "MEDIUM" },
  { status: "DONE", days: -5, priority: "HIGH" },
  { status: "CANCELLED", days: 30, priority: "LOW" },
  { status: "NOT_STARTED", days: 180, priority: "MEDIUM" },
  { status: "IN_PROGRESS", days: 240, priority: "MEDIUM" },
];

/** The committees and departments of the demo (issue #14, item 5); every fourth action has none. */
const COMMITTEES = ["Kommunstyrelsen", "Barn- och utbildningsnämnden", "Socialnämnden", "Samhällsbyggnadsförvaltningen"];

function addDays(now: Date, days: number): string {
  return stockholmDate(new Date(now.getTime() + days * 86_400_000));
}

export async function seedDemoPlan(
  municipality: { id: string },
  people: { coordinatorId: string; ownerIds: string[] },
  now = new Date(),
) {
  const { areas } = await getPlan(municipality.id);
  const items = areas.flatMap((a) => a.items);
  for (const name of COMMITTEES) await createCommittee(municipality.id, name, people.coordinatorId);
  const committees = await committeeChoices(municipality.id);
  const committeeIdOf = new Map(committees.map((c) => [c.name, c.id]));
  let n = 0;
  // Leave every fifth item without an action, so the "no action yet" list has something to show.
  for (const [index, item] of items.entries()) {
    if (index % 5 === 4) continue;
    const context = await questionsForItem(municipality.id, item.id);
    if (!context) continue;
    const [best] = suggestQuestions(context.item, context.questions, 1);
    const question = context.questions.find((q) => q.code === best?.code) ?? context.questions[0]!;
    const cap = effectCap(question.maxPoints, question.currentPoints);
    const shape = plan[n % plan.length]!;
    const ownerId = people.ownerIds[n % people.ownerIds.length]!;
    const committeeName = n % 4 === 3 ? null : COMMITTEES[n % COMMITTEES.length]!;
    // A fictional council decision on every other action that has a committee.
    const decisionReference = committeeName && n % 2 === 0 ? `KS ${2025 + (n % 2)}/${100 + n * 7}, § ${20 + n}` : null;
    n++;
    const action = await createAction(
      municipality.id,
      item.id,
      {
        title: item.text.length > 80 ? `${item.text.slice(0, 77)}…` : item.text,
        description: `Åtgärd för förbättringsområdet "${item.text}".`,
        ownerId: shape.unowned ? null : ownerId,
        deadline: addDays(now, shape.days),
        priority: shape.priority,
        effects: [{ questionId: question.id, expectedEffect: Math.min(cap, 3) }],
        committeeId: committeeName ? (committeeIdOf.get(committeeName) ?? null) : null,
        decisionReference,
      },
      people.coordinatorId,
    );
    if (shape.status === "NOT_STARTED") continue;
    await addNote(municipality.id, action.id, "Arbetet har startat: en arbetsgrupp är utsedd och en tidplan tagen.", ownerId);
    if (shape.status === "IN_PROGRESS") {
      await changeStatus(municipality.id, action.id, 1, "IN_PROGRESS", null, ownerId);
    } else if (shape.status === "DONE") {
      await addEvidence(
        municipality.id,
        action.id,
        { kind: "LINK", title: "Beslut i kommunstyrelsen", url: "https://example.se/protokoll/ks", evidenceDate: addDays(now, -10) },
        ownerId,
      );
      await changeStatus(municipality.id, action.id, 1, "DONE", null, ownerId);
    } else {
      await changeStatus(municipality.id, action.id, 1, "CANCELLED", "Ersätts av det nya kvalitetsprogrammet.", people.coordinatorId);
    }
  }
  return n;
}
