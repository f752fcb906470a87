import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/http/session.server.ts";

describe("safeRedirect", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirect("/k/demo/plan?status=LATE#lista", "/")).toBe("/k/demo/plan?status=LATE#lista");
    expect(safeRedirect("/k/demo/plan?q=%C3%A5tg%C3%A4rd", "/")).toBe("/k/demo/plan?q=%C3%A5tg%C3%A4rd");
  });

  it("refuses everything that leaves the site once decoded as a browser would", () => {
    for (const value of [
      "/\t/evil.example/phish",
      "/\r\n/evil.example/phish",
      "/\n/evil.example",
      "/%09/evil.example",
      "/%0d%0a/evil.example",
      "//evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "/%2F/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "/ok\u0000",
      "/%E0%A4%A",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirect(value, "/hem"), JSON.stringify(value)).toBe("/hem");
    }
  });
});
