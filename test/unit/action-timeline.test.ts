import { describe, expect, it } from "vitest";
import { buildTimeline, timelineText } from "~/domain/actions/timeline.ts";

const at = (iso: string) => new Date(iso);
const change = { field: null, oldValue: null, newValue: null, reason: null };

describe("an action's timeline", () => {
  it("puts changes, notes, evidence and sent mail in one list, oldest first", () => {
    const timeline = buildTimeline({
      audit: [
        { ...change, createdAt: at("2026-03-01T08:00:00Z"), actor: { name: "Kim" }, event: "created" },
        { createdAt: at("2026-03-05T08:00:00Z"), actor: null, event: "status", field: "status", oldValue: "NOT_STARTED", newValue: "CANCELLED", reason: "Ersatt" },
      ],
      notes: [{ createdAt: at("2026-03-02T08:00:00Z"), author: { name: "Ann" }, body: "På remiss." }],
      evidence: [{ createdAt: at("2026-03-04T08:00:00Z"), addedBy: null, title: "Beslut i KS" }],
      // A sent mail counts from when it was sent; one kept in the outbox from when it was made.
      mails: [
        { createdAt: at("2026-03-01T09:00:00Z"), sentAt: at("2026-03-03T08:00:00Z"), kind: "late", recipient: "ann@example.se" },
        { createdAt: at("2026-03-06T08:00:00Z"), sentAt: null, kind: "odd-kind", recipient: "kim@example.se" },
      ],
    });
    expect(timeline).toEqual([
      { ...change, at: "2026-03-01T08:00:00.000Z", who: "Kim", kind: "created" },
      { ...change, at: "2026-03-02T08:00:00.000Z", who: "Ann", kind: "note", newValue: "På remiss." },
      { ...change, at: "2026-03-03T08:00:00.000Z", who: "Kompassplan", kind: "mail", newValue: "Försenad → ann@example.se" },
      { ...change, at: "2026-03-04T08:00:00.000Z", who: "–", kind: "evidence", newValue: "Beslut i KS" },
      { at: "2026-03-05T08:00:00.000Z", who: "Kompassplan", kind: "status", field: "status", oldValue: "NOT_STARTED", newValue: "CANCELLED", reason: "Ersatt" },
      { ...change, at: "2026-03-06T08:00:00.000Z", who: "Kompassplan", kind: "mail", newValue: "odd-kind → kim@example.se" },
    ]);
  });

  it("keeps the order it was given for entries at the same instant", () => {
    const same = at("2026-03-01T08:00:00Z");
    const timeline = buildTimeline({
      audit: [{ ...change, createdAt: same, actor: null, event: "created" }],
      notes: [{ createdAt: same, author: null, body: "Först" }],
      evidence: [{ createdAt: same, addedBy: null, title: "Sedan" }],
      mails: [],
    });
    expect(timeline.map((e) => e.kind)).toEqual(["created", "note", "evidence"]);
  });

  it("says a mail only kept in the outbox was not sent: sparat i utkorgen", () => {
    const [kept, sent] = buildTimeline({
      audit: [],
      notes: [],
      evidence: [],
      mails: [
        { createdAt: at("2026-03-01T08:00:00Z"), sentAt: null, kind: "late", recipient: "ann@example.se", status: "KEPT" },
        { createdAt: at("2026-03-02T08:00:00Z"), sentAt: at("2026-03-02T08:00:00Z"), kind: "late", recipient: "ann@example.se", status: "SENT" },
      ],
    });
    expect(timelineText(kept!)).toBe("skickade inte e-post (sparat i utkorgen): Försenad → ann@example.se");
    expect(timelineText(sent!)).toBe("skickade e-post: Försenad → ann@example.se");
  });

  it("says in Swedish what changed, with statuses and priorities by name", () => {
    expect(timelineText({ kind: "status", field: "status", oldValue: "NOT_STARTED", newValue: "DONE" })).toBe("ändrade status: Ej påbörjad → Klar");
    expect(timelineText({ kind: "updated", field: "priority", oldValue: "LOW", newValue: "HIGH" })).toBe("ändrade prioritet: Låg → Hög");
    expect(timelineText({ kind: "updated", field: "deadline", oldValue: null, newValue: "2027-01-31" })).toBe("ändrade slutdatum: – → 31 januari 2027");
    expect(timelineText({ kind: "updated", field: "deadline", oldValue: "2026-12-07", newValue: "2027-06-30" })).toBe("ändrade slutdatum: 7 december 2026 → 30 juni 2027");
    expect(timelineText({ kind: "note", field: null, oldValue: null, newValue: "På remiss." })).toBe("skrev en anteckning: På remiss.");
    expect(timelineText({ kind: "created", field: null, oldValue: null, newValue: null })).toBe("skapade åtgärden");
    expect(timelineText({ kind: "unknown", field: null, oldValue: null, newValue: null })).toBe("unknown");
  });
});
