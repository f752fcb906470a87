import { describe, expect, it } from "vitest";
import { sv, t, type Messages } from "~/i18n/sv.ts";

describe("the message catalog", () => {
  it("has a Messages type that another language can satisfy (checked by tsc), and Swedish is the active one", () => {
    // Before Messages widened the texts, each of these was a type error: a text had to be its exact Swedish wording.
    const english: Messages = {
      ...sv,
      app: { name: "Kompassplan", tagline: "Follow-up of Kommunkompassen", skipToContent: "Skip to content", mainNav: "Main menu" },
      nav: { ...sv.nav, start: "Overview", signedInAs: (name: string) => `Signed in as ${name}` },
      chart: { previous: (year: number) => `Previous (${year})`, latest: (year: number) => `Latest (${year})` },
    };
    expect(english.nav.signedInAs("Ada")).toBe("Signed in as Ada");
    expect(english.chart.latest(2015)).toBe("Latest (2015)");
    expect(t).toBe(sv);
    expect(t.nav.signedInAs("Ada")).toBe("Inloggad som Ada");
  });
});
