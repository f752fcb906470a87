import { afterEach, describe, expect, it } from "vitest";
import { supervise, type Supervisor } from "~/cli/support/supervise.server.ts";
import { expectNothingMoreWithin, waitFor } from "../helpers/wait.ts";

/** `npm start` runs web and worker side by side: one crashing must not end the other. */

let supervisor: Supervisor | null = null;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = null;
});

const node = (script: string) => ({ command: process.execPath, args: ["-e", script] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("supervising web and worker", () => {
  it("restarts a process that crashes and leaves the other running", { timeout: 30_000 }, async () => {
    const log: string[] = [];
    supervisor = supervise(
      [
        { name: "web", ...node("setTimeout(() => process.exit(134), 150)") },
        { name: "worker", ...node("setInterval(() => {}, 1000)") },
      ],
      { spawnOptions: { stdio: "ignore" }, firstDelayMs: 100, log: (m) => log.push(m) },
    );
    const worker = supervisor.processes.get("worker")!;
    // Three starts of web (two restarts), however slowly this machine spawns node.
    const running = supervisor;
    await waitFor(async () => (running.starts.get("web") ?? 0) >= 3, 20_000);
    expect(log.some((m) => m.includes("web avslutades (kod 134)"))).toBe(true);
    // The worker is the very same process, still running.
    expect(supervisor.processes.get("worker")).toBe(worker);
    expect(worker.exitCode).toBeNull();
    expect(supervisor.starts.get("worker")).toBe(1);
  });

  it("waits longer each time a process keeps failing, and stops everything when asked", async () => {
    supervisor = supervise([{ name: "web", ...node("process.exit(1)") }, { name: "worker", ...node("setInterval(() => {}, 1000)") }], {
      spawnOptions: { stdio: "ignore" },
      firstDelayMs: 200,
      maxDelayMs: 800,
      log: () => {},
    });
    await sleep(1_300);
    // 0 ms, then after 200, 400 and 800 ms: at most four starts in 1.3 s.
    expect(supervisor.starts.get("web")).toBeGreaterThanOrEqual(2);
    expect(supervisor.starts.get("web")).toBeLessThanOrEqual(4);
    const worker = supervisor.processes.get("worker")!;
    await supervisor.stop();
    expect(worker.exitCode !== null || worker.signalCode !== null).toBe(true);
    const starts = supervisor.starts.get("web");
    const stopped = supervisor;
    await expectNothingMoreWithin(1_000, () => expect(stopped.starts.get("web")).toBe(starts));
    supervisor = null;
  });
});
