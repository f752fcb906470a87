import { describe, expect, it } from "vitest";
import { statementName } from "~/platform/db.server.ts";

const query = (sql: string, parameters = 1) => ({ sql, args: Array.from({ length: parameters }, () => "x") });

describe("named prepared statements for reads", () => {
  it("names a read by its text: the same text the same name, another text another name", () => {
    const a = statementName(query('SELECT "id" FROM "Action" WHERE "id" = $1'));
    expect(a).toMatch(/^k[0-9a-f]{20}$/);
    expect(statementName(query('SELECT "id" FROM "Action" WHERE "id" = $1'))).toBe(a);
    expect(statementName(query('SELECT "id" FROM "Action" WHERE "title" = $1'))).not.toBe(a);
    expect(statementName(query('\n  WITH latest AS (SELECT 1) SELECT * FROM latest', 0))).toMatch(/^k/);
  });

  it("leaves writes and long lists of parameters unnamed, so the names stay few", () => {
    expect(statementName(query('INSERT INTO "Session" ("id") VALUES ($1)'))).toBeUndefined();
    expect(statementName(query('UPDATE "Session" SET "lastSeenAt" = $1'))).toBeUndefined();
    expect(statementName(query("BEGIN", 0))).toBeUndefined();
    expect(statementName(query('SELECT "id" FROM "Action" WHERE "id" IN ($1)', 33))).toBeUndefined();
    expect(statementName(query('SELECT "id" FROM "Action" WHERE "id" IN ($1)', 32))).toMatch(/^k/);
  });
});
