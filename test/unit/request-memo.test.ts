import { describe, expect, it } from "vitest";
import { memoized, withRequestMemo } from "~/platform/request-memo.server.ts";

describe("the per-request memo", () => {
  it("shares one answer between the loaders of a request that reads only", async () => {
    let calls = 0;
    const lookup = () => memoized("session-user:abc", async () => ({ call: ++calls }));
    const [layout, page] = await withRequestMemo(() => Promise.all([lookup(), lookup()]));
    expect(calls).toBe(1);
    expect(page).toBe(layout);
  });

  it("starts afresh for every request, and keys apart different questions", async () => {
    let calls = 0;
    const lookup = (key: string) => memoized(key, async () => ++calls);
    expect(await withRequestMemo(() => lookup("municipality:a:u1"))).toBe(1);
    expect(await withRequestMemo(() => lookup("municipality:a:u1"))).toBe(2);
    expect(await withRequestMemo(async () => [await lookup("municipality:a:u1"), await lookup("municipality:b:u1")])).toEqual([3, 4]);
  });

  it("computes every time outside a request (tests, the worker, the commands, and requests with an action)", async () => {
    let calls = 0;
    const lookup = () => memoized("session-user:abc", async () => ++calls);
    await lookup();
    await lookup();
    expect(calls).toBe(2);
  });
});

describe("the per-request memo across copies of its module", () => {
  it("is shared when the server and the Remix build each load their own copy of the module", async () => {
    // server.ts (run by tsx) opens the memo; the loaders call `memoized` from the build's
    // bundled copy. A second import with a query is a second module instance, as the bundle is.
    type Memo = typeof import("~/platform/request-memo.server.ts");
    const specifier = "~/platform/request-memo.server.ts";
    const serverCopy = (await import(/* @vite-ignore */ `${specifier}?copy=server`)) as Memo;
    const buildCopy = (await import(/* @vite-ignore */ `${specifier}?copy=build`)) as Memo;
    expect(buildCopy.memoized).not.toBe(serverCopy.memoized);
    let calls = 0;
    const lookup = () => buildCopy.memoized("session-user:abc", async () => ++calls);
    const [layout, page] = await serverCopy.withRequestMemo(() => Promise.all([lookup(), lookup()]));
    expect([layout, page, calls]).toEqual([1, 1, 1]);
  });
});
