import { describe, expect, it } from "vitest";
import { deviceLabel } from "~/domain/device-label.ts";

describe("deviceLabel", () => {
  it("names the browser and the system, not the version", () => {
    expect(
      deviceLabel("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
    ).toBe("Edge · Windows");
    expect(deviceLabel("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).toBe("Firefox · Linux");
    expect(
      deviceLabel("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
    ).toBe("Safari · iOS");
    expect(
      deviceLabel("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
    ).toBe("Chrome · macOS");
    expect(
      deviceLabel("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
    ).toBe("Chrome · Android");
    expect(deviceLabel("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")).toBe(
      "Chrome · Linux",
    );
  });

  it("gives no label for what it does not recognise, an empty or an overlong value", () => {
    expect(deviceLabel("curl/8.5.0")).toBeNull();
    expect(deviceLabel("node")).toBeNull();
    expect(deviceLabel("")).toBeNull();
    expect(deviceLabel(null)).toBeNull();
    expect(deviceLabel(`Firefox/1 ${"x".repeat(600)}`)).toBeNull();
  });
});
