import { createAction, questionsForItem } from "~/models/action.server.ts";
import { getDb } from "~/platform/db.server.ts";
import type { Tenant } from "./fixtures.ts";

/** An action on the first improvement item of area 1, owned by the given user. Item order is per area, so the area is named: ordering by sortOrder alone picked any area's first item. */
export async function createTestAction(tenant: Tenant, ownerId: string | null, deadline = "2027-06-30", title = "Teståtgärd") {
  const item = await getDb().improvementItem.findFirstOrThrow({
    where: { evaluationArea: { evaluationId: tenant.evaluationId } },
    orderBy: [{ evaluationArea: { frameworkArea: { number: "asc" } } }, { sortOrder: "asc" }],
  });
  const context = await questionsForItem(tenant.municipality.id, item.id);
  const question = context!.questions.find((q) => q.code === "1.5")!;
  return createAction(
    tenant.municipality.id,
    item.id,
    { title, description: "", ownerId, deadline, priority: "MEDIUM", effects: [{ questionId: question.id, expectedEffect: 2 }] },
    tenant.coordinator.id,
  );
}

/** An action on the first improvement item of `area`, with an effect of 1 point on a sub-question of that area that still has a point open. */
export async function createActionInArea(tenant: Tenant, area: number, title: string, deadline = "2027-05-31") {
  const item = await getDb().improvementItem.findFirstOrThrow({
    where: { evaluationArea: { evaluationId: tenant.evaluationId, frameworkArea: { number: area } } },
    orderBy: { sortOrder: "asc" },
  });
  const context = await questionsForItem(tenant.municipality.id, item.id);
  const question = context!.questions.find((q) => q.code.startsWith(`${area}.`) && q.maxPoints - (q.currentPoints ?? 0) >= 1)!;
  const action = await createAction(
    tenant.municipality.id,
    item.id,
    { title, description: "", ownerId: tenant.owner.id, deadline, priority: "MEDIUM", effects: [{ questionId: question.id, expectedEffect: 1 }] },
    tenant.coordinator.id,
  );
  return { ...action, code: question.code };
}
