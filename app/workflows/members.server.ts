import type { MunicipalitySummary } from "~/models/municipality.server.ts";
import { listMembers, openActionsOwnedBy, removeMember, type Handover } from "~/models/user.server.ts";
import { notifyAssignment } from "./action-mail.server.ts";

/**
 * What removing a member would do, for the confirmation: the person, their open actions and who
 * may take them over (coordinators and owners of the same municipality, not the person). Null
 * when the person is not a member here.
 */
export async function removalPreview(municipalityId: string, userId: string, actorId: string) {
  const members = await listMembers(municipalityId);
  const member = members.find((m) => m.id === userId);
  if (!member) return null;
  const open = await openActionsOwnedBy(municipalityId, userId);
  const lastCoordinator = member.role === "COORDINATOR" && !members.some((m) => m.id !== userId && m.role === "COORDINATOR");
  return {
    member: { id: member.id, name: member.name, email: member.email, role: member.role },
    self: userId === actorId,
    lastCoordinator,
    openActions: open.map((a) => ({ id: a.id, title: a.title, deadline: a.deadline.toISOString().slice(0, 10), status: a.status })),
    candidates: members.filter((m) => m.id !== userId && m.role !== "VIEWER").map((m) => ({ id: m.id, name: m.name })),
  };
}

/**
 * Removes a member and hands their open actions to the new owners in one transaction, then
 * tells each new owner by mail, as an edit of the owner does. Returns how many were handed over.
 */
export async function removeMemberWithHandover(municipality: MunicipalitySummary, userId: string, actorId: string, handover: Handover) {
  const handed = await removeMember(municipality.id, userId, actorId, handover);
  for (const h of handed) await notifyAssignment(municipality, h.actionId, h.ownerId);
  return handed.length;
}
