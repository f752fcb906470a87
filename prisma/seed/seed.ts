import { readFileSync } from "node:fs";
import path from "node:path";
import type { Role } from "~/domain/access.ts";
import { upsertFrameworkVersion, type FrameworkVersionData } from "~/models/catalog.server.ts";
import { createEvaluation, fromDraft, type NewEvaluation } from "~/models/evaluation.server.ts";
import { createMunicipality } from "~/models/municipality.server.ts";
import { addMembership, createUserWithPassword } from "~/models/user.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { seedDemoPlan } from "./demo-plan.ts";
import { seedDemoReport } from "./demo-report.ts";

/**
 * The framework catalog (both versions the reports use) and the demo municipality, whose
 * evaluation carries the facts of the Hammarö 2013 report under a fictional name.
 */

const here = import.meta.dirname;
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(here, file), "utf8")) as T;

export const DEMO_PASSWORD = "Kompass-demo-2026";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role | "OPERATOR" }> = [
  { email: "samordnare@demo.kompassplan.se", name: "Sara Samordnare", role: "COORDINATOR" },
  { email: "ansvarig@demo.kompassplan.se", name: "Anders Ansvarig", role: "OWNER" },
  { email: "fortroendevald@demo.kompassplan.se", name: "Frida Förtroendevald", role: "VIEWER" },
  { email: "drift@demo.kompassplan.se", name: "Disa Drift", role: "OPERATOR" },
];

export async function seedCatalog() {
  const catalog = readJson<{ versions: FrameworkVersionData[] }>("catalog.json");
  for (const version of catalog.versions) await upsertFrameworkVersion(version);
}

interface DemoFile {
  municipality: { slug: string; name: string };
  evaluation: {
    frameworkVersion: string;
    year: number;
    period: string;
    reportDate: string;
    evaluators: string[];
    statedTotal: number | null;
    sourceName: string;
    areas: Array<{
      number: number;
      statedPoints: number | null;
      scores: Array<{ code: string; points: number; printedPercent: number | null }>;
      strengths: string[];
      improvements: string[];
      goodExamples: string[];
    }>;
  };
}

/** Seeds the demo only into an empty database (no municipality yet). */
export async function seedDemoIfEmpty(): Promise<boolean> {
  if ((await getDb().municipality.count()) > 0) return false;
  const demo = readJson<DemoFile>("demo-evaluation.json");
  const municipality = await createMunicipality(demo.municipality.slug, demo.municipality.name);
  const ids: Record<string, string> = {};
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUserWithPassword({
      email: account.email,
      name: account.name,
      password: DEMO_PASSWORD,
      isOperator: account.role === "OPERATOR",
    });
    ids[account.role] = user.id;
    if (account.role !== "OPERATOR") await addMembership(municipality.id, user.id, account.role);
  }
  // Two more action owners without sign-in, so the plan has several people in it.
  const colleagues = [];
  for (const [email, name] of [
    ["hr-chef@demo.kompassplan.se", "Hanna Personalchef"],
    ["it-chef@demo.kompassplan.se", "Ivar IT-chef"],
  ] as const) {
    const user = await createUserWithPassword({ email, name, password: `${DEMO_PASSWORD}-${name}` });
    await addMembership(municipality.id, user.id, "OWNER");
    colleagues.push(user.id);
  }
  await createEvaluation(municipality.id, demoEvaluationInput(), null);
  await seedDemoPlan(municipality, { coordinatorId: ids.COORDINATOR!, ownerIds: [ids.OWNER!, ...colleagues, ids.COORDINATOR!] });
  await seedDemoReport(municipality.id, ids.COORDINATOR!);
  return true;
}

/** The demo evaluation (the Hammarö 2013 facts) as input for createEvaluation. */
export function demoEvaluationInput(): NewEvaluation {
  const e = readJson<DemoFile>("demo-evaluation.json").evaluation;
  return fromDraft(
    {
      frameworkVersionKey: e.frameworkVersion,
      year: e.year,
      period: e.period,
      reportDate: e.reportDate,
      evaluators: e.evaluators,
      statedTotal: e.statedTotal,
      sourceName: e.sourceName,
      areas: e.areas,
    },
    null,
  );
}
