import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ContentLimits, ExtractResult } from "./report-file/extract.ts";

export { decodeText, standardFontDataUrl } from "./report-file/extract.ts";
export type { ExtractFailure, ExtractResult } from "./report-file/extract.ts";

/**
 * Reads an uploaded report (PDF, Word .docx or plain text) into text for the report reader,
 * within the reading budget of docs/decisions/0008-input-limits.md. The web import, the import
 * command and everything else that reads report files come through here.
 *
 * Reports are read in a child process, never in the calling process: its heap is capped, it is
 * killed when a reading's time is up or its resident memory passes the budget, and a reading that
 * breaks (even by running out of memory) ends only that process. So the web process keeps
 * answering other requests while a report is read, and a hostile file cannot take it down. (A
 * worker thread was tried first: when a thread's heap limit is hit by one large allocation, Node
 * ends the whole process, not the thread.) The reading process is kept for the next file while
 * it stays small, and ended when idle. Readings run one at a time per process; a few more wait,
 * beyond that the reader answers "busy".
 */

export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

export interface ReportLimits extends ContentLimits {
  /** The whole reading, from starting the process to its answer. */
  timeoutMs: number;
  /** The reading process's JavaScript heap (V8 old generation). */
  maxHeapMb: number;
  /** The reading process's resident memory, heap and buffers together (checked on Linux). */
  maxMemoryMb: number;
}

export const REPORT_LIMITS: ReportLimits = {
  maxUnpackedBytes: 64 * 1024 * 1024,
  maxZipEntries: 2_000,
  maxPages: 300,
  maxTextChars: 1_000_000,
  timeoutMs: 20_000,
  maxHeapMb: 256,
  maxMemoryMb: 768,
};

const MAX_WAITING = 4;
const MEMORY_POLL_MS = 50;

/**
 * The reading process's script: beside this module under tsx, but this module may also have
 * been bundled into build/index.js, so look upwards from wherever this code is for the app's copy.
 */
function readerScript(): string {
  const relative = path.join("app", "platform", "report-file", "reader-process.mjs");
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`The report reader's script (${relative}) was not found.`);
    dir = parent;
  }
}

let running = false;
const waiting: Array<() => void> = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T | "busy"> {
  if (running) {
    if (waiting.length >= MAX_WAITING) return "busy";
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running = true;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running = false;
  }
}

/** A process's resident memory in bytes, from Linux's /proc; null where that is not available. */
async function residentBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** A reading process is reused while its memory stays below this, and ended after a quiet spell. */
const RECYCLE_ABOVE_BYTES = 256 * 1024 * 1024;
const IDLE_MS = 30_000;

interface Reader {
  child: ChildProcess;
  heapMb: number;
  answers: Map<number, (result: ExtractResult) => void>;
  stderr: StderrWatch;
  idle: NodeJS.Timeout | null;
}

/** What V8 writes when a process runs out of memory ("Reached heap limit … heap out of memory", "Fatal process out of memory"). */
const OUT_OF_MEMORY = /out of memory|Reached heap limit/i;

/**
 * Watches a reading process's stderr for V8's out-of-memory line. That line comes first and a
 * long stack trace after it, so whether it came is remembered rather than looked for in a kept
 * tail (a trace longer than the tail hid it, and an oversized file was then called unreadable);
 * the short tail only joins a line split across two chunks.
 */
export class StderrWatch {
  #tail = "";
  outOfMemory = false;

  push(text: string) {
    const joined = this.#tail + text;
    if (OUT_OF_MEMORY.test(joined)) this.outOfMemory = true;
    this.#tail = joined.slice(-200);
  }
}

let reader: Reader | null = null;
let nextId = 1;

function startReader(heapMb: number): Reader {
  const child = fork(readerScript(), [], {
    execArgv: [`--max-old-space-size=${heapMb}`],
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const started: Reader = { child, heapMb, answers: new Map(), stderr: new StderrWatch(), idle: null };
  child.stderr?.on("data", (chunk: Buffer) => started.stderr.push(chunk.toString()));
  child.on("message", ({ id, result }: { id: number; result: ExtractResult }) => started.answers.get(id)?.(result));
  const ended = () => {
    if (reader === started) reader = null;
    // Out of heap: V8 says so on stderr and aborts.
    const reason = started.stderr.outOfMemory ? "too-large-unpacked" : "unreadable";
    for (const answer of started.answers.values()) answer({ ok: false, reason });
  };
  // "close" comes after stderr has been read to its end, unlike "exit".
  child.once("close", ended);
  child.once("error", ended);
  // An idle reader does not keep a command from ending.
  child.unref();
  child.channel?.unref();
  (child.stderr as (NodeJS.ReadableStream & { unref?: () => void }) | null)?.unref?.();
  return started;
}

function stopReader(r: Reader) {
  if (reader === r) reader = null;
  if (r.idle) clearTimeout(r.idle);
  if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
}

function readInProcess(bytes: Uint8Array, limits: ReportLimits): Promise<ExtractResult> {
  if (reader && reader.heapMb !== limits.maxHeapMb) stopReader(reader);
  const r = (reader ??= startReader(limits.maxHeapMb));
  if (r.idle) clearTimeout(r.idle);
  r.idle = null;
  const id = nextId++;
  return new Promise<ExtractResult>((resolve) => {
    const content: ContentLimits = {
      maxUnpackedBytes: limits.maxUnpackedBytes,
      maxZipEntries: limits.maxZipEntries,
      maxPages: limits.maxPages,
      maxTextChars: limits.maxTextChars,
    };
    const finish = (result: ExtractResult, broken: boolean) => {
      if (!r.answers.has(id)) return;
      r.answers.delete(id);
      clearTimeout(timer);
      clearInterval(watch);
      if (broken) stopReader(r);
      else {
        r.child.channel?.unref();
        r.idle = setTimeout(() => stopReader(r), IDLE_MS).unref();
        if (r.child.pid !== undefined)
          void residentBytes(r.child.pid).then((rss) => rss !== null && rss > RECYCLE_ABOVE_BYTES && r.answers.size === 0 && stopReader(r));
      }
      resolve(result);
    };
    r.answers.set(id, (result) => finish(result, false));
    const timer = setTimeout(() => finish({ ok: false, reason: "timeout" }, true), limits.timeoutMs);
    const watch = setInterval(() => {
      if (r.child.pid === undefined) return;
      void residentBytes(r.child.pid).then((rss) => {
        if (rss !== null && rss > limits.maxMemoryMb * 1024 * 1024) finish({ ok: false, reason: "too-large-unpacked" }, true);
      });
    }, MEMORY_POLL_MS);
    r.child.channel?.ref();
    r.child.send({ id, bytes, limits: content });
  });
}

export async function extractReportText(bytes: Uint8Array, limits: Partial<ReportLimits> = {}): Promise<ExtractResult> {
  if (bytes.byteLength > MAX_REPORT_BYTES) return { ok: false, reason: "too-large" };
  const budget = { ...REPORT_LIMITS, ...limits };
  const result = await inTurn(() => readInProcess(bytes, budget));
  return result === "busy" ? { ok: false, reason: "busy" } : result;
}
