import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * User-facing Swedish lives in app/i18n/sv.ts only. Finds string literals with å, ä or ö
 * elsewhere in app/ (comments stripped). Exempt: what is not shown in the web app.
 */
const app = path.resolve(import.meta.dirname, "../../app");
const exempt = [
  "i18n/", // the catalog itself
  "generated/", // Prisma's client
  "cli/", // command-line output for operators
  "cli/support/embedded-postgres.server.ts", // the launcher's console line
  "domain/report-reader/", // patterns that read the reports' Swedish, not texts shown
  "domain/actions/suggest.ts", // Swedish stop words for matching, not texts shown
  "domain/plan-import/columns.ts", // headings an imported spreadsheet may carry, for matching, not texts shown
  "domain/plan-import/values.ts", // status words an imported spreadsheet may carry, for matching, not texts shown
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("the message catalog", () => {
  it("holds every Swedish text of the app: no string with å, ä or ö outside it", () => {
    const found: string[] = [];
    for (const file of files(app)) {
      const rel = path.relative(app, file);
      if (exempt.some((e) => rel.startsWith(e))) continue;
      const code = readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/^\s*\/\/.*$/gm, "")
        .replace(/\s\/\/ .*$/gm, "");
      for (const m of code.matchAll(/"[^"\n]*"|`[^`]*`|'[^'\n]*'|>[^<>{}\n]*</g)) {
        if (/[åäöÅÄÖ]/.test(m[0])) found.push(`${rel}: ${m[0].slice(0, 60)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
