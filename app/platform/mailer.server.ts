import nodemailer from "nodemailer";
import type { Deliver } from "~/models/mail.server.ts";
import { getEnv } from "./env.server.ts";

/**
 * Sends through SMTP_URL with nodemailer. Without SMTP_URL (the embedded default) mail is
 * kept in PostgreSQL as the outbox instead of being sent.
 */
export function createDeliver(smtpUrl = getEnv().SMTP_URL, from = getEnv().MAIL_FROM): Deliver {
  if (!smtpUrl) return async () => "kept";
  // A pool keeps connections open between mails, so a batch does not reconnect for each one.
  const transport = nodemailer.createTransport(smtpUrl.includes("pool=") ? smtpUrl : `${smtpUrl}${smtpUrl.includes("?") ? "&" : "?"}pool=true`);
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
