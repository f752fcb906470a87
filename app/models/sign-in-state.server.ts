import { municipalitiesAllowSignIn } from "~/domain/municipality.ts";
import { getDb } from "~/platform/db.server.ts";

/** Whether the person may sign in as far as their municipalities go (none of them deactivated, or at least one active). */
export async function municipalitiesLetIn(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { isOperator: true, memberships: { select: { municipality: { select: { deactivatedAt: true } } } } },
  });
  if (!user) return false;
  return municipalitiesAllowSignIn(
    user.isOperator,
    user.memberships.map((m) => ({ active: m.municipality.deactivatedAt === null })),
  );
}

/** Notes the moment of a sign-in (shown to operators as each member's last sign-in). */
export async function recordSignIn(userId: string, now = new Date()) {
  await getDb().user.update({ where: { id: userId }, data: { lastSignInAt: now } });
}
