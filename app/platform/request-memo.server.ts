import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One page request runs the layout's and the page's loaders side by side, and both ask who is
 * signed in and to which municipality they belong: six queries each, the same answers. Within a
 * request that reads only (GET or HEAD; `server.ts` decides), the first answer is shared.
 * A request with an action is never memoised: what the action changes (a name, a membership, a
 * sign-out) must be read afresh by the loaders that follow it. Outside a request (tests, the
 * worker, the commands) every call computes.
 */
type Memo = Map<string, Promise<unknown>>;

/**
 * `server.ts` (run by tsx) and the Remix build (bundled by esbuild) each hold their own copy of
 * this module, so a store kept in a module variable is two stores: the server opened one per
 * request and the loaders looked in the other and never shared anything. The store lives on
 * `globalThis` under a registered symbol so every copy of the module uses the same one.
 */
const STORE_KEY = Symbol.for("kompassplan.request-memo");
const globalWithStore = globalThis as typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<Memo> };
const store = (globalWithStore[STORE_KEY] ??= new AsyncLocalStorage<Memo>());

export function withRequestMemo<T>(fn: () => T): T {
  return store.run(new Map(), fn);
}

export function memoized<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = store.getStore();
  if (!memo) return compute();
  const hit = memo.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const fresh = compute();
  memo.set(key, fresh);
  return fresh;
}
