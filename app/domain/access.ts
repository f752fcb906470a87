/**
 * Who may do what. Pure: the server-side guards in app/http/access.server.ts ask here.
 */

export type Role = "COORDINATOR" | "OWNER" | "VIEWER";

export type Permission =
  | "municipality:read"
  | "evaluation:manage"
  | "users:manage"
  | "actions:manage"
  | "actions:update-own";

const grants: Record<Role, readonly Permission[]> = {
  COORDINATOR: [
    "municipality:read",
    "evaluation:manage",
    "users:manage",
    "actions:manage",
    "actions:update-own",
  ],
  OWNER: ["municipality:read", "actions:update-own"],
  VIEWER: ["municipality:read"],
};

export interface Principal {
  isOperator: boolean;
  /** The user's role in the municipality at hand, or null when not a member. */
  role: Role | null;
}

/** Operators act as coordinators in every municipality they serve. */
export function effectiveRole(principal: Principal): Role | null {
  return principal.isOperator ? "COORDINATOR" : principal.role;
}

export function can(principal: Principal, permission: Permission): boolean {
  const role = effectiveRole(principal);
  return role !== null && grants[role].includes(permission);
}

export const ROLES: readonly Role[] = ["COORDINATOR", "OWNER", "VIEWER"];

/** Whether the principal may change an action's status, notes and evidence. */
export function canUpdateAction(principal: Principal, userId: string, ownerId: string | null): boolean {
  if (can(principal, "actions:manage")) return true;
  return can(principal, "actions:update-own") && ownerId === userId;
}
