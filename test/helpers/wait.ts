/** Polls until `check` returns something truthy, or fails after `ms`. */
export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Proves an absence: after everything expected has arrived, gives a duplicate (a second
 * delivery, one more restart) `ms` to show up, then runs `check`, which asserts the count is
 * still exactly what it was. Use it wherever a test would otherwise sleep before counting;
 * the name says why the test waits, and the one place to tune the window is here.
 */
export async function expectNothingMoreWithin(ms: number, check: () => void | Promise<void>): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
  await check();
}
