/**
 * Output of the commands. Writes to a pipe are asynchronous in Node: a pipe holds 64 KiB, the
 * rest waits in the process until the reader takes it, and `process.exit()` drops whatever
 * still waits (so `npm run --silent reminders -- --dry-run --json | jq` got 65,536 bytes). Every
 * command writes its result with `writeOut` / `printJson`, which resolve once the text has
 * been handed over, and ends with `exitAfterOutput`, which waits for both streams first.
 */

// A reader that stops early (`| head`) is not an error of the command.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

function written(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    // The callback runs once this chunk (and so every chunk before it) has left the process.
    stream.write(text, () => resolve());
  });
}

export function writeOut(text: string): Promise<void> {
  return written(process.stdout, text);
}

export function printJson(value: unknown): Promise<void> {
  return writeOut(`${JSON.stringify(value, null, 2)}\n`);
}

/** Ends the process once everything written so far, with console.log too, has drained. */
export async function exitAfterOutput(code: number = Number(process.exitCode ?? 0)): Promise<never> {
  await Promise.all([written(process.stdout, ""), written(process.stderr, "")]);
  process.exit(code);
}
