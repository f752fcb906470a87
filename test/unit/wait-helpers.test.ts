import { describe, expect, it } from "vitest";
import { expectNothingMoreWithin } from "../helpers/wait.ts";

/** The quiet-period helper must really wait: a duplicate arriving late in the window fails it. */
describe("expectNothingMoreWithin", () => {
  it("fails when something more arrives inside the window", async () => {
    const received = ["a"];
    setTimeout(() => received.push("a again"), 150);
    await expect(expectNothingMoreWithin(400, () => expect(received).toHaveLength(1))).rejects.toThrow();
  });

  it("passes when the window stays quiet, after waiting all of it", async () => {
    const received = ["a"];
    const started = Date.now();
    await expectNothingMoreWithin(300, () => expect(received).toHaveLength(1));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
