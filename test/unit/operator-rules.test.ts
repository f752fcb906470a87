import { describe, expect, it } from "vitest";
import { checkOrganisationNumber, isValidSlug, luhnCheckDigit, municipalitiesAllowSignIn, parseEmailDomains } from "~/domain/municipality.ts";
import { SETUP_LINK_HOURS, setupLinkExpiry, setupLinkState } from "~/domain/setup-link.ts";

describe("the Swedish organisation number", () => {
  it("accepts real municipalities' numbers, with or without the hyphen, written NNNNNN-NNNN", () => {
    // Stockholms stad, Göteborgs stad, Hammarö kommun.
    expect(checkOrganisationNumber("212000-0142")).toEqual({ ok: true, value: "212000-0142" });
    expect(checkOrganisationNumber("2120001355")).toEqual({ ok: true, value: "212000-1355" });
    expect(checkOrganisationNumber(" 212000-1835 ")).toEqual({ ok: true, value: "212000-1835" });
  });

  it("refuses every wrong check digit", () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 2) continue;
      expect(checkOrganisationNumber(`212000-014${d}`)).toEqual({ ok: false, reason: "check-digit" });
    }
  });

  it("refuses another form than ten digits", () => {
    for (const raw of ["", "212000-014", "212000-01422", "21200-00142", "212000 0142", "2120000142a", "abcdef-ghij", "212000–0142"]) {
      expect(checkOrganisationNumber(raw)).toEqual({ ok: false, reason: "format" });
    }
  });

  it("refuses a personal identity number (third digit below 2), even with a right check digit", () => {
    // 811218-9876 is the Tax Agency's example personal identity number; its check digit is right.
    expect(luhnCheckDigit("811218987")).toBe(6);
    expect(checkOrganisationNumber("811218-9876")).toEqual({ ok: false, reason: "personal-number" });
  });

  it("computes the Luhn digit with the first digit doubled", () => {
    expect(luhnCheckDigit("212000014")).toBe(2);
    expect(luhnCheckDigit("000000000")).toBe(0);
    expect(luhnCheckDigit("556036079")).toBe(3); // a company: 556036-0793
  });
});

describe("the short name in the address", () => {
  it("accepts lower-case a-z, digits and single hyphens between them, 2 to 40 characters", () => {
    for (const slug of ["sjovik", "ovre-ullerud", "k2", "a-b-c", "x".repeat(40)]) expect(isValidSlug(slug)).toBe(true);
  });
  it("refuses capitals, å ä ö, spaces, leading, trailing or double hyphens, and the wrong length", () => {
    for (const slug of ["Sjovik", "sjövik", "sjo vik", "-sjovik", "sjovik-", "sjo--vik", "s", "", "x".repeat(41), "sjo_vik", "sjo.vik", "../k"]) {
      expect(isValidSlug(slug)).toBe(false);
    }
  });
});

describe("e-mail domains", () => {
  it("reads a list separated by commas, spaces or lines, lower-cased, without duplicates or a leading @", () => {
    expect(parseEmailDomains("")).toEqual({ ok: true, domains: [] });
    expect(parseEmailDomains("Sjovik.se, @skola.sjovik.se\nsjovik.se")).toEqual({ ok: true, domains: ["sjovik.se", "skola.sjovik.se"] });
  });
  it("names the first entry that is no domain", () => {
    expect(parseEmailDomains("sjovik.se, inte en domän")).toEqual({ ok: false, invalid: "inte" });
    expect(parseEmailDomains("localhost")).toEqual({ ok: false, invalid: "localhost" });
    expect(parseEmailDomains("a@b.se")).toEqual({ ok: false, invalid: "a@b.se" });
  });
  it("takes at most 20", () => {
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.se`).join(",");
    expect(parseEmailDomains(many)).toEqual({ ok: false, tooMany: true });
  });
});

describe("signing in to deactivated municipalities", () => {
  it("lets operators and people with an active municipality in, and not those whose every municipality is deactivated", () => {
    expect(municipalitiesAllowSignIn(true, [{ active: false }])).toBe(true);
    expect(municipalitiesAllowSignIn(false, [{ active: false }, { active: true }])).toBe(true);
    expect(municipalitiesAllowSignIn(false, [{ active: false }])).toBe(false);
    expect(municipalitiesAllowSignIn(false, [{ active: false }, { active: false }])).toBe(false);
    expect(municipalitiesAllowSignIn(false, [])).toBe(true);
  });
});

describe("the operator set-up link", () => {
  const made = new Date("2026-11-26T17:00:00Z");
  it("is valid 24 hours from when it was made", () => {
    expect(SETUP_LINK_HOURS).toBe(24);
    expect(setupLinkExpiry(made).toISOString()).toBe("2026-11-27T17:00:00.000Z");
  });
  it("is open until its expiry, expired at that instant and after, and used once used", () => {
    const link = { expiresAt: setupLinkExpiry(made), usedAt: null };
    expect(setupLinkState(link, made)).toBe("open");
    expect(setupLinkState(link, new Date("2026-11-27T16:59:59.999Z"))).toBe("open");
    expect(setupLinkState(link, new Date("2026-11-27T17:00:00.000Z"))).toBe("expired");
    expect(setupLinkState(link, new Date("2026-12-01T00:00:00Z"))).toBe("expired");
    expect(setupLinkState({ ...link, usedAt: made }, made)).toBe("used");
  });
});
