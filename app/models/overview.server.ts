import { getDb } from "~/platform/db.server.ts";

/** Queries of the status page (*Översikt*) that no other model answers. Every function takes the municipality id. */

/** The improvement items of one of the municipality's evaluations that have no action at all, in area and list order. */
export async function itemsWithoutAction(municipalityId: string, evaluationId: string) {
  const items = await getDb().improvementItem.findMany({
    where: { evaluationArea: { evaluationId, evaluation: { municipalityId } }, actions: { none: {} } },
    select: { id: true, text: true, sortOrder: true, evaluationArea: { select: { frameworkArea: { select: { number: true } } } } },
  });
  return items
    .map((i) => ({ id: i.id, text: i.text, area: i.evaluationArea.frameworkArea.number, sortOrder: i.sortOrder }))
    .sort((a, b) => a.area - b.area || a.sortOrder - b.sortOrder)
    .map(({ sortOrder: _order, ...item }) => item);
}
