import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  DEFAULT_POLICY,
  dueNotifications,
  isWorkingDay,
  nextWorkingDay,
  type PolicyAction,
  type PolicyInput,
  type PolicyMunicipality,
  type PolicyUser,
} from "~/domain/reminder-policy.ts";
import { swedishHolidays } from "~/platform/holidays.server.ts";

const holidays = swedishHolidays(2026, 2028);
/** 08:00 Stockholm on the given date (winter time: UTC+1). */
const at = (date: string, hourUtc = 7) => new Date(`${date}T${String(hourUtc).padStart(2, "0")}:00:00Z`);

const users: PolicyUser[] = [
  { id: "owner", email: "agare@k.se", digest: "SINGLE" },
  { id: "weekly", email: "vecka@k.se", digest: "WEEKLY" },
  { id: "coord", email: "samordnare@k.se", digest: "WEEKLY" },
  { id: "boss", email: "chef@k.se", digest: "SINGLE" },
];
const members = [
  { userId: "owner", managerId: "boss" },
  { userId: "weekly", managerId: null },
  { userId: "coord", managerId: null },
  { userId: "boss", managerId: null },
];
const municipality: PolicyMunicipality = { id: "m", policy: DEFAULT_POLICY, coordinatorIds: ["coord"], nextEvaluationDate: null, members };
const action = (over: Partial<PolicyAction> = {}): PolicyAction => ({
  id: "a1",
  municipalityId: "m",
  status: "NOT_STARTED",
  deadline: "2026-12-16",
  ownerId: "owner",
  lastActivity: "2026-11-01",
  ...over,
});
const due = (now: Date, actions: PolicyAction[] = [action()], over: Partial<PolicyInput> = {}) =>
  dueNotifications({ municipalities: [municipality], actions, users, holidays, now, ...over });
const kinds = (list: ReturnType<typeof due>) => list.map((n) => `${n.kind}→${n.recipientId}@${n.sendDate}`);

describe("working days", () => {
  it("knows Swedish public holidays from the holiday library", () => {
    for (const d of ["2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01", "2027-01-06", "2027-03-26", "2027-06-06", "2027-06-25"]) {
      expect(isWorkingDay(d, holidays), d).toBe(false);
    }
    expect(isWorkingDay("2026-12-23", holidays)).toBe(true);
    expect(nextWorkingDay("2026-12-24", holidays)).toBe("2026-12-28");
    // Nyårsafton, like julafton and midsommarafton, is a day off in practice.
    expect(nextWorkingDay("2026-12-31", holidays)).toBe("2027-01-04");
    expect(nextWorkingDay("2026-12-30", holidays)).toBe("2026-12-30");
  });
});

describe("reminders to the owner", () => {
  it("reminds 14 and 3 days before, on the day, then weekly while late", () => {
    expect(kinds(due(at("2026-12-01")))).toEqual([]);
    expect(kinds(due(at("2026-12-02")))).toEqual(["before→owner@2026-12-02"]);
    expect(kinds(due(at("2026-12-11")))).toEqual(["before→owner@2026-12-02"]);
    expect(kinds(due(at("2026-12-14")))).toEqual(["before→owner@2026-12-14"]); // 3 days before is Sunday 13th → Monday
    expect(kinds(due(at("2026-12-16")))).toEqual(["due-today→owner@2026-12-16"]);
    expect(kinds(due(at("2026-12-22")))).toEqual(["due-today→owner@2026-12-16"]);
  });

  it("moves a weekly late reminder past Christmas and escalates to the coordinator after the grace period", () => {
    // Deadline 16 Dec; +7 = 23 Dec (working day); +14 = 30 Dec.
    expect(kinds(due(at("2026-12-23")))).toEqual(["escalation→coord@2026-12-23", "late→owner@2026-12-23"]);
    expect(kinds(due(at("2026-12-30")))).toEqual(["escalation→coord@2026-12-23", "late→owner@2026-12-30"]);
    // Deadline 19 Dec (Saturday): on-day moves to Monday 21st; +7 = 26 Dec (holiday) → 28 Dec.
    expect(kinds(due(at("2026-12-28"), [action({ deadline: "2026-12-19" })]))).toEqual([
      "escalation→coord@2026-12-28",
      "late→owner@2026-12-28",
    ]);
  });

  it("escalates to the owner's manager after a further period", () => {
    const list = due(at("2027-01-08"), [action({ deadline: "2026-12-16" })]);
    // 16 Dec + 7 + 14 = 6 Jan (trettondedag jul) → 7 Jan.
    expect(kinds(list)).toContain("escalation-manager→boss@2027-01-07");
    expect(kinds(due(at("2027-01-05"), [action({ deadline: "2026-12-16" })])).some((k) => k.startsWith("escalation-manager"))).toBe(false);
  });

  it("asks for a status update after 30 days of silence, once per silent period", () => {
    const quiet = action({ status: "IN_PROGRESS", deadline: "2027-06-30", lastActivity: "2026-11-01" });
    expect(kinds(due(at("2026-11-30"), [quiet]))).toEqual([]);
    expect(kinds(due(at("2026-12-01"), [quiet]))).toEqual(["silence→owner@2026-12-01"]);
    expect(kinds(due(at("2026-12-02"), [{ ...quiet, lastActivity: "2026-11-20" }]))).toEqual([]);
  });

  it("sends nothing for done or cancelled actions, nothing on weekends, holidays or before 07:00", () => {
    for (const status of ["DONE", "CANCELLED"] as const) expect(due(at("2026-12-23"), [action({ status })])).toEqual([]);
    expect(due(at("2026-12-19"))).toEqual([]); // Saturday
    expect(due(at("2026-12-24"))).toEqual([]); // Christmas Eve
    expect(due(new Date("2026-12-23T05:59:00Z"))).toEqual([]); // 06:59 Stockholm
    expect(due(new Date("2026-12-23T06:00:00Z"))).not.toEqual([]); // 07:00 Stockholm
  });

  it("follows a changed deadline and a new owner: identities change with them", () => {
    const before = due(at("2026-12-02"));
    const moved = due(at("2026-12-02"), [action({ deadline: "2027-02-01" })]);
    expect(moved).toEqual([]);
    const reassigned = due(at("2026-12-02"), [action({ ownerId: "boss" })]);
    expect(reassigned.map((n) => n.recipient)).toEqual(["chef@k.se"]);
    expect(reassigned[0]!.identity).not.toBe(before[0]!.identity);
  });
});

describe("digests", () => {
  it("gathers a weekly user's reminders into one Monday digest, but escalations always arrive", () => {
    const mine = action({ ownerId: "weekly" });
    // On a Wednesday the only digest there can be is that week's Monday one (sent once).
    expect(due(at("2026-12-02"), [mine]).map((n) => n.identity)).toEqual(["digest:weekly:m:2026-11-30"]);
    expect(due(at("2026-11-27"), [mine])).toEqual([]); // nothing due yet that week
    const monday = due(at("2026-12-14"), [mine]);
    expect(monday.map((n) => [n.kind, n.recipient, n.sendDate, n.items])).toEqual([
      ["digest", "vecka@k.se", "2026-12-14", [{ actionId: "a1", kind: "before" }]],
    ]);
    // The coordinator also takes digests, but an escalation is sent on its own.
    expect(kinds(due(at("2026-12-23")))).toContain("escalation→coord@2026-12-23");
  });
});

describe("only members of the municipality", () => {
  const late = (over: Partial<PolicyAction> = {}) => action({ deadline: "2026-12-16", ...over });
  it("sends nothing to an owner or manager who is no longer a member; the coordinators still hear", () => {
    const without = (...ids: string[]) => ({ ...municipality, members: members.filter((m) => !ids.includes(m.userId)) });
    const all = kinds(due(at("2027-01-08"), [late()]));
    expect(all).toContain("escalation-manager→boss@2027-01-07");
    expect(all.some((k) => k.includes("→owner@"))).toBe(true);
    const ownerGone = kinds(due(at("2027-01-08"), [late()], { municipalities: [without("owner")] }));
    expect(ownerGone).toEqual(["escalation→coord@2026-12-23"]);
    const bossGone = kinds(due(at("2027-01-08"), [late()], { municipalities: [without("boss")] }));
    expect(bossGone.some((k) => k.includes("→boss@"))).toBe(false);
    expect(bossGone.some((k) => k.includes("→owner@"))).toBe(true);
    const weeklyGone = due(at("2026-12-14"), [late({ ownerId: "weekly" })], { municipalities: [without("weekly")] });
    expect(weeklyGone).toEqual([]);
  });

  it("takes the manager from the membership of the action's municipality, and keeps digests apart", () => {
    const other: PolicyMunicipality = {
      id: "o",
      policy: DEFAULT_POLICY,
      coordinatorIds: [],
      nextEvaluationDate: null,
      members: [{ userId: "owner", managerId: "coord" }, { userId: "coord", managerId: null }, { userId: "weekly", managerId: null }],
    };
    const ours = late();
    const theirs = late({ id: "b1", municipalityId: "o" });
    const list = kinds(due(at("2027-01-08"), [ours, theirs], { municipalities: [municipality, other] }));
    expect(list.filter((k) => k.startsWith("escalation-manager"))).toEqual(["escalation-manager→boss@2027-01-07", "escalation-manager→coord@2027-01-07"]);
    const managed = due(at("2027-01-08"), [ours, theirs], { municipalities: [municipality, other] }).filter((n) => n.kind === "escalation-manager");
    expect(managed.map((n) => `${n.actionId}:${n.recipientId}`).sort()).toEqual(["a1:boss", "b1:coord"]);
    // A weekly reader in two municipalities gets one digest from each, listing only its own actions.
    const digests = due(at("2026-12-14"), [late({ ownerId: "weekly" }), late({ id: "b1", municipalityId: "o", ownerId: "weekly" })], {
      municipalities: [municipality, other],
    }).filter((n) => n.kind === "digest");
    expect(digests.map((n) => [n.municipalityId, n.items!.map((i) => i.actionId)])).toEqual([
      ["m", ["a1"]],
      ["o", ["b1"]],
    ]);
  });
});

describe("readiness summaries", () => {
  it("go to coordinators 90 and 30 days before the next evaluation", () => {
    const m = { ...municipality, nextEvaluationDate: "2027-03-31" };
    const on = (d: string) => kinds(due(at(d), [], { municipalities: [m] }));
    expect(on("2026-12-30")).toEqual([]);
    // 90 days before is nyårsafton → the next working day.
    expect(on("2027-01-04")).toEqual(["readiness→coord@2027-01-04"]);
    expect(on("2027-03-01")).toEqual(["readiness→coord@2027-03-01"]);
    expect(on("2027-04-01")).toEqual([]);
  });
});

describe("properties", () => {
  const date = fc.integer({ min: 0, max: 500 }).map((n) => addDays("2026-06-01", n));
  const actionArb = fc.record({
    id: fc.constantFrom("a1", "a2", "a3"),
    municipalityId: fc.constant("m"),
    status: fc.constantFrom("NOT_STARTED", "IN_PROGRESS", "DONE", "CANCELLED" as const),
    deadline: date,
    ownerId: fc.constantFrom("owner", "weekly", null),
    lastActivity: date,
  });

  it("identities are unique, mails go to working days only, and are never scheduled in the future", () => {
    fc.assert(
      fc.property(fc.uniqueArray(actionArb, { selector: (a) => a.id, maxLength: 3 }), date, fc.integer({ min: 0, max: 23 }), (actions, day, hour) => {
        const now = new Date(`${day}T${String(hour).padStart(2, "0")}:30:00Z`);
        const list = due(now, actions as PolicyAction[]);
        expect(new Set(list.map((n) => n.identity)).size).toBe(list.length);
        for (const n of list) {
          expect(isWorkingDay(n.sendDate, holidays)).toBe(true);
          expect(n.sendDate <= day).toBe(true);
          const a = actions.find((x) => x.id === n.actionId);
          if (a) expect(["DONE", "CANCELLED"]).not.toContain(a.status);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("asking again the same day gives the same answer (so nothing is sent twice)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(actionArb, { selector: (a) => a.id, maxLength: 3 }), date, (actions, day) => {
        const morning = due(new Date(`${day}T08:00:00Z`), actions as PolicyAction[]).map((n) => n.identity);
        const afternoon = due(new Date(`${day}T14:00:00Z`), actions as PolicyAction[]).map((n) => n.identity);
        expect(afternoon).toEqual(morning);
      }),
      { numRuns: 200 },
    );
  });
});
