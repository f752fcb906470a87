import { describe, expect, it } from "vitest";
import { can, effectiveRole, type Permission } from "~/domain/access.ts";

const all: Permission[] = ["municipality:read", "evaluation:manage", "users:manage", "actions:manage", "actions:update-own"];

describe("access rules", () => {
  it("gives a coordinator everything in the municipality", () => {
    expect(all.filter((p) => can({ isOperator: false, role: "COORDINATOR" }, p))).toEqual(all);
  });

  it("lets an action owner read and update own actions only", () => {
    expect(all.filter((p) => can({ isOperator: false, role: "OWNER" }, p))).toEqual([
      "municipality:read",
      "actions:update-own",
    ]);
  });

  it("lets a council viewer read and change nothing", () => {
    expect(all.filter((p) => can({ isOperator: false, role: "VIEWER" }, p))).toEqual(["municipality:read"]);
  });

  it("gives a non-member nothing", () => {
    expect(all.some((p) => can({ isOperator: false, role: null }, p))).toBe(false);
  });

  it("lets an operator act as coordinator in any municipality", () => {
    expect(effectiveRole({ isOperator: true, role: null })).toBe("COORDINATOR");
    expect(effectiveRole({ isOperator: true, role: "VIEWER" })).toBe("COORDINATOR");
  });
});
