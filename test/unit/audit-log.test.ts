import { describe, expect, it } from "vitest";
import { ownerChoices } from "~/domain/actions/plan-view.ts";
import { auditRange, kindOf, rangeInstants, stockholmMidnight } from "~/domain/audit-log.ts";
import { auditReason } from "~/utils/audit-text.ts";

describe("the audit log's date range", () => {
  it("fills in the last 30 days up to today when nothing is given", () => {
    expect(auditRange({ from: null, to: null }, "2026-11-26")).toEqual({ ok: true, from: "2026-10-27", to: "2026-11-26" });
  });
  it("fills in the missing end from the given one", () => {
    expect(auditRange({ from: "2026-01-01", to: null }, "2026-11-26")).toEqual({ ok: true, from: "2026-01-01", to: "2026-01-31" });
    expect(auditRange({ from: "2026-11-20", to: null }, "2026-11-26")).toEqual({ ok: true, from: "2026-11-20", to: "2026-11-26" });
    expect(auditRange({ from: null, to: "2026-03-31" }, "2026-11-26")).toEqual({ ok: true, from: "2026-03-01", to: "2026-03-31" });
  });
  it("refuses a range running backwards or wider than 366 days", () => {
    expect(auditRange({ from: "2026-05-01", to: "2026-04-30" }, "2026-11-26")).toEqual({ ok: false, field: "to", problem: "order" });
    expect(auditRange({ from: "2025-01-01", to: "2026-01-02" }, "2026-11-26")).toEqual({ ok: false, field: "from", problem: "span" });
    expect(auditRange({ from: "2024-01-01", to: "2024-12-31" }, "2026-11-26").ok).toBe(true);
  });
  it("turns Stockholm dates into instants, summer and winter", () => {
    expect(stockholmMidnight("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(stockholmMidnight("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    // The night the clocks go forward (29 March 2026) and back (25 October 2026).
    expect(stockholmMidnight("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(stockholmMidnight("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    const { start, end } = rangeInstants("2026-11-01", "2026-11-30");
    expect([start.toISOString(), end.toISOString()]).toEqual(["2026-10-31T23:00:00.000Z", "2026-11-30T23:00:00.000Z"]);
  });
});

describe("the audit log's kinds", () => {
  it("sorts every event into its kind", () => {
    expect(kindOf("sign-in.failed", "User")).toBe("sign-in");
    expect(kindOf("membership.removed", "User")).toBe("members");
    expect(kindOf("municipality.settings-changed", "Municipality")).toBe("settings");
    expect(kindOf("totp.enabled", "User")).toBe("account");
    expect(kindOf("updated", "Action")).toBe("plan");
    expect(kindOf("something", "Other")).toBeNull();
  });
});

describe("the plan's owner filter", () => {
  it("names every owner of an action, also one who is no longer a member", () => {
    const plan = {
      areas: [{ items: [{ actions: [{ ownerId: "gone", ownerName: "Olle Borta" }, { ownerId: "m1", ownerName: "Anna" }, { ownerId: null, ownerName: null }] }] }],
    };
    expect(ownerChoices([{ id: "m1", name: "Anna" }, { id: "m2", name: "Örjan" }], plan)).toEqual([
      { id: "m1", name: "Anna" },
      { id: "gone", name: "Olle Borta" },
      { id: "m2", name: "Örjan" },
    ]);
  });
});

describe("the reason a sign-in event shows", () => {
  it("names every reason the product records in Swedish, never its code", () => {
    for (const reason of ["password", "link", "invitation", "password-reset", "oidc", "setup", "two-step-code", "deactivated", "password-off"]) {
      const shown = auditReason({ event: "sign-in.failed", reason });
      expect(shown, reason).not.toBe(reason);
      expect(shown, reason).toMatch(/[a-zåäö]/);
    }
    expect(auditReason({ event: "membership.removed", reason: "slutat" })).toBe("slutat");
  });
});
