import { describe, expect, it } from "vitest";
import {
  erasureRefusal,
  exportFileName,
  isPlaceholderEmail,
  placeholderEmail,
  pseudonymName,
  redactSecrets,
  replaceOwnerName,
  type ErasureTarget,
} from "~/domain/personal-data.ts";

const id = "3f2a9c10-1b2c-4d5e-8f90-123456789abc";
const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";
const coordinator = { id: "c0000000-0000-4000-8000-000000000000", isOperator: false };
const operator = { id: "d0000000-0000-4000-8000-000000000000", isOperator: true };
const target = (over: Partial<ErasureTarget> = {}): ErasureTarget => ({ id, isOperator: false, municipalityIds: [A], openActions: 0, lastCoordinator: false, erased: false, ...over });

describe("pseudonym and placeholder address", () => {
  it("names the erased person by a short id and gives a unique address that cannot receive mail", () => {
    expect(pseudonymName(id, "Borttagen användare")).toBe("Borttagen användare 3f2a9c10");
    expect(placeholderEmail(id)).toBe(`borttagen-${id}@borttagen.invalid`);
    expect(isPlaceholderEmail(placeholderEmail(id))).toBe(true);
    expect(isPlaceholderEmail("borttagen@kommun.se")).toBe(false);
  });
});

describe("who may erase whom", () => {
  it("lets a coordinator erase a member of their municipality only", () => {
    expect(erasureRefusal(coordinator, target(), A)).toBeNull();
    expect(erasureRefusal(coordinator, target({ municipalityIds: [A, B] }), A)).toBe("operator-only");
    expect(erasureRefusal(coordinator, target({ isOperator: true }), A)).toBe("operator-only");
    expect(erasureRefusal(coordinator, target({ municipalityIds: [B] }), A)).toBe("not-member");
    expect(erasureRefusal(coordinator, target(), null)).toBe("operator-only");
  });

  it("lets an operator erase anyone but themselves", () => {
    expect(erasureRefusal(operator, target({ municipalityIds: [A, B], isOperator: true }), null)).toBeNull();
    expect(erasureRefusal(operator, target({ municipalityIds: [] }), null)).toBeNull();
    expect(erasureRefusal(operator, target({ id: operator.id }), null)).toBe("self");
    expect(erasureRefusal(coordinator, target({ id: coordinator.id }), A)).toBe("self");
  });

  it("keeps every municipality's last coordinator", () => {
    expect(erasureRefusal(operator, target({ lastCoordinator: true }), null)).toBe("last-coordinator");
    expect(erasureRefusal(coordinator, target({ lastCoordinator: true, openActions: 3 }), A)).toBe("last-coordinator");
  });

  it("refuses while open actions remain, and a person already erased", () => {
    expect(erasureRefusal(operator, target({ openActions: 2 }), null)).toBe("open-actions");
    expect(erasureRefusal(coordinator, target({ openActions: 1 }), A)).toBe("open-actions");
    expect(erasureRefusal(operator, target({ erased: true }), null)).toBe("already-erased");
  });
});

describe("export file name", () => {
  it("is plain ASCII with the date", () => {
    expect(exportFileName("Åsa Öberg-Ländin", "2026-11-26")).toBe("personuppgifter-asa-oberg-landin-2026-11-26.json");
    expect(exportFileName('"/../\u202E', "2026-11-26")).toBe("personuppgifter-person-2026-11-26.json");
  });
});

describe("owner names in saved reports", () => {
  it("replaces exactly the owner values that name the person, leaving other text alone", () => {
    const snapshot = { late: [{ title: "Rut Svensson gör", owner: "Rut Svensson" }, { owner: "Annan" }], n: 3 };
    const next = replaceOwnerName(snapshot, "Rut Svensson", "Borttagen användare 1");
    expect(next).toEqual({ late: [{ title: "Rut Svensson gör", owner: "Borttagen användare 1" }, { owner: "Annan" }], n: 3 });
    expect(replaceOwnerName(snapshot, "Ingen", "X")).toBe(snapshot);
  });
});

describe("secrets in exported mail", () => {
  it("removes a link's token and leaves ordinary text and ids alone", () => {
    const token = "A".repeat(20) + "b_-" + "9".repeat(20);
    expect(redactSecrets(`Aktivera här:\nhttps://k.se/inbjudan/${token}\nHälsningar`, "[X]")).toBe("Aktivera här:\nhttps://k.se/inbjudan/[X]\nHälsningar");
    expect(redactSecrets(`https://k.se/k/sjovik/atgarder/${id}`, "[X]")).toBe(`https://k.se/k/sjovik/atgarder/${id}`);
  });
});
