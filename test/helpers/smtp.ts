import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A real SMTP server in the test process that keeps every mail it accepts. It can be stopped
 * and started again on the same port, and made slow to accept (to kill a sender mid-send).
 */
export async function startSmtpSink(options: { acceptDelayMs?: number; closeTimeoutMs?: number } = {}) {
  const received: CapturedMail[] = [];
  const closed = new Set<string>();
  // While answers are held, every mail is read but its "250 OK" waits for releaseAnswers().
  let hold: { release: () => void; done: Promise<void> } | null = null;
  const heldSessions = new Set<string>();
  const make = () =>
    new SMTPServer({
      authOptional: true,
      // How long stop() waits for senders' open (pooled) connections before it cuts them.
      ...(options.closeTimeoutMs === undefined ? {} : { closeTimeout: options.closeTimeoutMs }),
      disabledCommands: ["STARTTLS"],
      logger: false,
      onClose(session) {
        closed.add(session.id);
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (mail) => {
            if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
            if (hold) {
              heldSessions.add(session.id);
              await hold.done;
            }
            // A sender that vanished before our "250 OK" did not get its mail accepted.
            if (closed.has(session.id)) return callback(new Error("connection closed"));
            received.push({
              to: Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? ""),
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
            });
            callback();
          })
          .catch(callback);
      },
    });
  let server = make();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  let running = true;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** From now on, keep every sender waiting for its answer (to kill a sender mid-send). */
    holdAnswers() {
      let release = () => {};
      const done = new Promise<void>((r) => (release = r));
      hold = { release, done };
      heldSessions.clear();
    },
    /** How many connections have a mail waiting for its answer since holdAnswers(). */
    held: () => heldSessions.size,
    /** Whether every connection with a held mail has been closed by its sender. */
    heldClosed: () => [...heldSessions].every((id) => closed.has(id)),
    releaseAnswers() {
      hold?.release();
      hold = null;
    },
    async stop() {
      if (!running) return;
      running = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      if (running) return;
      server = make();
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      running = true;
    },
    close() {
      return this.stop();
    },
  };
}
