import { randomUUID } from "node:crypto";
import { createEvaluation, type NewEvaluation } from "~/models/evaluation.server.ts";
import { createMunicipality } from "~/models/municipality.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { demoEvaluationInput, seedCatalog } from "../../prisma/seed/seed.ts";

export const PASSWORD = "Testlösenord-123";

let catalogSeeded: Promise<void> | undefined;
export function ensureCatalog() {
  catalogSeeded ??= seedCatalog();
  return catalogSeeded;
}

/** An evaluation in the 2010 version with the demo's facts, optionally changed. */
export function demoEvaluation(overrides: Partial<NewEvaluation> = {}): NewEvaluation {
  return { ...demoEvaluationInput(), ...overrides };
}

export interface Tenant {
  municipality: { id: string; slug: string; name: string };
  coordinator: { id: string; email: string; name: string };
  owner: { id: string; email: string; name: string };
  viewer: { id: string; email: string; name: string };
  evaluationId: string;
}

/** A municipality of its own with one user per role and the demo evaluation (or the one given). */
export async function createTenant(label = "test", firstEvaluation?: NewEvaluation): Promise<Tenant> {
  await ensureCatalog();
  const suffix = randomUUID().slice(0, 8);
  const municipality = await createMunicipality(`${label}-${suffix}`, `Testkommun ${label} ${suffix}`);
  const make = async (role: "COORDINATOR" | "OWNER" | "VIEWER", name: string) => {
    const user = await createUserWithPassword({
      email: `${role.toLowerCase()}-${suffix}@test.kompassplan.se`,
      name,
      password: PASSWORD,
    });
    await addMembership(municipality.id, user.id, role);
    return user;
  };
  const coordinator = await make("COORDINATOR", `Samordnare ${suffix}`);
  const owner = await make("OWNER", `Ansvarig ${suffix}`);
  const viewer = await make("VIEWER", `Förtroendevald ${suffix}`);
  const evaluation = await createEvaluation(municipality.id, firstEvaluation ?? demoEvaluation(), coordinator.id);
  return { municipality, coordinator, owner, viewer, evaluationId: evaluation.id };
}
