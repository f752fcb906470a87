import net from "node:net";
import nodemailer from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import type { Deliver } from "~/models/mail.server.ts";
import { getEnv } from "./env.server.ts";

/**
 * Opens the pool's connections with Nagle's algorithm off. SMTP is a conversation of short
 * lines; with Nagle on, the end of each mail waited for the server's delayed acknowledgement
 * (measured: one connection sent about 20 mails a second instead of 300).
 * The socket is handed over while it connects: nodemailer's own handlers then see a refused
 * or silent server (its greeting timeout) exactly as with the sockets it opens itself, and it
 * upgrades the socket to TLS itself for smtps:// and STARTTLS.
 */
function getSocket(options: { host?: string; port?: number | string; secure?: boolean }, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) {
  const port = Number(options.port) || (options.secure ? 465 : 587);
  const socket = net.connect({ host: options.host ?? "localhost", port, noDelay: true });
  // Never an unhandled 'error' event, even before nodemailer has attached its handlers.
  socket.on("error", () => {});
  callback(null, { connection: socket });
}

/**
 * Sends through SMTP_URL with nodemailer. Without SMTP_URL (the embedded default) mail is
 * kept in PostgreSQL as the outbox instead of being sent.
 */
export function createDeliver(smtpUrl = getEnv().SMTP_URL, from = getEnv().MAIL_FROM, connections = 5): Deliver {
  if (!smtpUrl) return async () => "kept";
  // A pool keeps connections open between mails, so a batch does not reconnect for each one.
  // It has a connection for each mail the worker sends at once, so no job holds its mail's
  // row lock while it waits for a free connection.
  // Settings in the address (e.g. ?maxConnections=2) take precedence over these.
  const transport = nodemailer.createTransport(new SMTPPool({ pool: true, url: smtpUrl, maxConnections: connections, getSocket }));
  return async (mail) => {
    await transport.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.text, html: mail.html });
    return "sent";
  };
}

/** Plain text to simple, escaped HTML paragraphs (links made clickable). */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
  const paragraphs = text.split(/\n{2,}/).map((p) =>
    escape(p)
      .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
      .replaceAll("\n", "<br>"),
  );
  return `<!doctype html><html lang="sv"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f24">${paragraphs
    .map((p) => `<p>${p}</p>`)
    .join("")}</body></html>`;
}
