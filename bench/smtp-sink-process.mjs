// A mail server for the benchmark in a process of its own, as a real one would be: it accepts
// every mail, reads it to the end and counts it, so the bench measures Kompassplan's sending
// and not a receiver parsing mail on the same event loop. Prints its port, answers "count".
import process from "node:process";
import { SMTPServer } from "smtp-server";

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.server.address().port }));
process.on("message", (message) => {
  if (message === "count") process.send?.({ received });
  if (message === "stop") server.close(() => process.exit(0));
});
