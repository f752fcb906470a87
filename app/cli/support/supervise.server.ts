import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/**
 * Keeps a few processes running side by side, as `npm start` runs the web process and the
 * background worker: when one exits unexpectedly it is started again after a pause that grows
 * while it keeps failing, and the others are left alone. So a crash in the web process (say, a
 * hostile upload) cannot take the worker, and the mail it sends, down with it.
 */

export interface Program {
  name: string;
  command: string;
  args: string[];
}

export interface Supervisor {
  /** The running process of each program, by name (absent while it waits to be restarted). */
  readonly processes: Map<string, ChildProcess>;
  /** How many times each program has been started. */
  readonly starts: Map<string, number>;
  /** Ends every program (SIGTERM) and waits until all have exited; nothing is restarted after. */
  stop(): Promise<void>;
}

export function supervise(
  programs: Program[],
  { spawnOptions = {}, firstDelayMs = 1_000, maxDelayMs = 30_000, healthyAfterMs = 60_000, log = console.error } = {} as {
    spawnOptions?: SpawnOptions;
    firstDelayMs?: number;
    maxDelayMs?: number;
    healthyAfterMs?: number;
    log?: (message: string) => void;
  },
): Supervisor {
  const processes = new Map<string, ChildProcess>();
  const starts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;

  const run = (program: Program, delayMs: number) => {
    const startedAt = Date.now();
    const child = spawn(program.command, program.args, { stdio: "inherit", ...spawnOptions });
    processes.set(program.name, child);
    starts.set(program.name, (starts.get(program.name) ?? 0) + 1);
    child.once("exit", (code, signal) => {
      processes.delete(program.name);
      if (stopping) return;
      // A program that ran a good while before failing starts again soon; one failing over and
      // over waits longer each time.
      const delay = Date.now() - startedAt > healthyAfterMs ? firstDelayMs : delayMs;
      log(`[start] ${program.name} avslutades (${signal ?? `kod ${code}`}); startas om om ${Math.round(delay / 1000)} s`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) run(program, Math.min(delay * 2, maxDelayMs));
      }, delay);
      timers.add(timer);
    });
  };
  for (const program of programs) run(program, firstDelayMs);

  return {
    processes,
    starts,
    async stop() {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(
        [...processes.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}
