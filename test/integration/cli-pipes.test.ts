import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createEvaluation } from "~/models/evaluation.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { renderReport } from "../fixtures/report-layouts.ts";
import { createTenant, demoEvaluation, type Tenant } from "../helpers/fixtures.ts";
import { createTestAction } from "../helpers/plan.ts";
import { reportSpec } from "../helpers/report-spec.ts";

/**
 * `npm run --silent <command> -- --json | …` must give the whole JSON however slowly the reader
 * reads (issue #10, item 15): a pipe holds 64 KiB, and a command that exits before its output
 * has drained loses the rest. Each command is run through a shell pipe whose reader starts late.
 */

const root = path.resolve(import.meta.dirname, "../..");
const PIPE_BYTES = 65_536;

/** Runs `tsx app/cli/<script> ARGS | (sleep 2; cat)` and returns what the reader got. */
function throughSlowPipe(script: string, args: string[]) {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  const out = spawnSync("sh", ["-c", `"$TSX" app/cli/${script} ${quoted} | (sleep 2; cat)`], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TSX: path.join(root, "node_modules/.bin/tsx") },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(out.status, out.stderr).toBe(0);
  expect(out.stdout.length, out.stderr).toBeGreaterThan(PIPE_BYTES);
  return out.stdout;
}

let tenant: Tenant;
let wide: Tenant;

beforeAll(async () => {
  // Reminders: many late actions, each due a late reminder and an escalation.
  tenant = await createTenant("pipe");
  for (let i = 0; i < 300; i += 4) {
    await Promise.all(Array.from({ length: 4 }, (_, j) => createTestAction(tenant, tenant.owner.id, "2026-12-16", `Sen åtgärd ${i + j}`)));
  }

  // Readiness: a framework version of its own with many sub-questions (versions are data).
  wide = await createTenant("pipe-bred");
  const key = `test-bred-${wide.municipality.slug}`;
  const version = await getDb().frameworkVersion.create({ data: { key, name: "Bred testversion", firstYear: 2030 } });
  const perArea = 80;
  for (let n = 1; n <= 8; n++) {
    const area = await getDb().frameworkArea.create({ data: { versionId: version.id, number: n, name: `Område ${n}`, maxPoints: 100, headings: [] } });
    await getDb().frameworkQuestion.createMany({
      data: Array.from({ length: perArea }, (_, i) => ({ areaId: area.id, code: `${n}.${i + 1}`, text: `Delfråga ${n}.${i + 1}`, maxPoints: 1.25, sortOrder: i })),
    });
  }
  await getDb().evaluation.deleteMany({ where: { municipalityId: wide.municipality.id } });
  await createEvaluation(
    wide.municipality.id,
    demoEvaluation({
      frameworkVersionKey: key,
      year: 2031,
      sourceHash: null,
      statedTotal: null,
      areas: Array.from({ length: 8 }, (_, a) => ({
        number: a + 1,
        statedPoints: null,
        goodExamples: [],
        scores: Array.from({ length: perArea }, (_, i) => ({ code: `${a + 1}.${i + 1}`, points: 0.5, printedPercent: null })),
        strengths: [],
        improvements: [],
      })),
    }),
    null,
  );
});

describe("command output through a slow pipe", () => {
  it("reminders --dry-run --json gives the whole list", async () => {
    const stdout = throughSlowPipe("reminders.ts", ["--dry-run", "--json", "--at", "2026-12-23T08:00:00+01:00", "--municipality", tenant.municipality.slug]);
    const rows = JSON.parse(stdout) as Array<{ kind: string }>;
    expect(rows.filter((r) => r.kind === "late")).toHaveLength(300);
  });

  it("readiness --json gives every sub-question", () => {
    const stdout = throughSlowPipe("readiness.ts", ["--municipality", wide.municipality.slug, "--json"]);
    const json = JSON.parse(stdout) as { questions: unknown[]; total: { current: number } };
    expect(json.questions).toHaveLength(8 * 80);
    expect(json.total.current).toBe(8 * 80 * 0.5);
  });

  it("import --dry-run --json of a large report gives the whole report", () => {
    const spec = fc.sample(reportSpec.filter((s) => s.version.firstYear < 2010), { numRuns: 1, seed: 15 })[0]!;
    const long = (kind: string, area: number) =>
      Array.from({ length: 40 }, (_, i) => `${kind} ${area}.${i + 1}: utveckla systematiskt förbättringsarbete med tydliga mål och uppföljning av kvalitet i alla verksamheter`);
    const big = { ...spec, areas: spec.areas.map((a) => ({ ...a, strengths: long("Styrka", a.number), improvements: long("Förbättring", a.number) })) };
    const dir = mkdtempSync(path.join(os.tmpdir(), "pipe-import-"));
    const file = path.join(dir, "stor-rapport.txt");
    writeFileSync(file, renderReport(big, "pre2010-split-cells"));
    const stdout = throughSlowPipe("import.ts", ["--dry-run", "--json", file]);
    const json = JSON.parse(stdout) as { areas: Array<{ strengths: string[]; improvements: string[] }> };
    expect(json.areas.map((a) => [a.strengths.length, a.improvements.length])).toEqual(big.areas.map(() => [40, 40]));
  });
});
