import { describe, expect, it } from "vitest";
import { assignmentMail, reminderMail } from "~/domain/mail-templates.ts";

const link = "https://kompassplan.example/k/tranemo/atgarder/a1";

describe("the assignment mail", () => {
  it("names the owner, the action, its deadline and the link", () => {
    expect(assignmentMail({ ownerName: "Anna", title: "Ny etikpolicy", deadline: "2027-03-01", link })).toEqual({
      subject: "Ny åtgärd att ansvara för: Ny etikpolicy",
      text: `Hej Anna!\n\nDu är ansvarig för åtgärden ”Ny etikpolicy” i Kompassplan, med slutdatum 2027-03-01.\n\nSe åtgärden här:\n${link}\n\nVänliga hälsningar\nKompassplan`,
    });
  });
});

describe("reminder mails", () => {
  const action = { recipientName: "Anna", title: "Ny etikpolicy", deadline: new Date("2026-12-16T00:00:00Z"), link };

  it("a late reminder: greeting, title, the deadline in Swedish, the link and the sign-off", () => {
    expect(reminderMail({ kind: "late", ...action, ownerName: "Anna" })).toEqual({
      subject: "Försenad åtgärd: Ny etikpolicy",
      text: [
        "Hej Anna!",
        "",
        "Ny etikpolicy",
        "Åtgärden skulle ha varit klar 16 december 2026. Uppdatera status eller be samordnaren om nytt slutdatum.",
        "",
        "Öppna i Kompassplan:",
        link,
        "",
        "Vänliga hälsningar\nKompassplan",
      ].join("\n"),
    });
  });

  it("an escalation names the owner, or says that nobody owns the action", () => {
    const named = reminderMail({ kind: "escalation", ...action, recipientName: "Sara", ownerName: "Anna" });
    expect(named.subject).toBe("Försenad åtgärd behöver uppmärksamhet: Ny etikpolicy");
    expect(named.text).toContain("Åtgärden skulle ha varit klar 16 december 2026 och är fortfarande inte klar. Ansvarig: Anna.");
    const manager = reminderMail({ kind: "escalation-manager", ...action, recipientName: "Chef", ownerName: null });
    expect(manager.subject).toBe("Försenad åtgärd hos din medarbetare: Ny etikpolicy");
    expect(manager.text).toContain("Ansvarig är Ingen ansvarig.");
  });

  it("before, due today and silence each have their own subject and sentence", () => {
    expect(reminderMail({ kind: "before", ...action, ownerName: null }).text).toContain("Slutdatum för åtgärden är 16 december 2026.");
    expect(reminderMail({ kind: "due-today", ...action, ownerName: null }).subject).toBe("I dag är slutdatum för Ny etikpolicy");
    const silence = reminderMail({ kind: "silence", ...action, ownerName: null });
    expect(silence.subject).toBe("Hur går det med Ny etikpolicy?");
    expect(silence.text).toContain("Inget nytt har skrivits om åtgärden på länge.");
  });

  it("a digest lists each action with why, its deadline and its link, in order", () => {
    const mail = reminderMail({
      kind: "digest",
      recipientName: "Anna",
      items: [
        { kind: "late", title: "Första", deadline: "2026-12-01", link: `${link}1` },
        { kind: "before", title: "Andra", deadline: new Date("2027-01-15T00:00:00Z"), link: `${link}2` },
      ],
    });
    expect(mail.subject).toBe("Veckans sammanställning från Kompassplan");
    expect(mail.text).toBe(
      [
        "Hej Anna!",
        "",
        "Det här väntar på dig:",
        "",
        "• Försenad: Första (1 december 2026)",
        `  ${link}1`,
        "• Påminnelse: Andra (15 januari 2027)",
        `  ${link}2`,
        "",
        "Vänliga hälsningar\nKompassplan",
      ].join("\n"),
    );
  });

  it("a readiness summary gives the date, the counts, the projection with decimal commas and the link", () => {
    const readinessLink = "https://kompassplan.example/k/tranemo/infor-utvardering";
    const base = {
      kind: "readiness" as const,
      recipientName: "Sara",
      daysLeft: 30,
      municipalityName: "Tranemo",
      nextEvaluationDate: new Date("2027-03-31T00:00:00Z"),
      counts: { open: 4, late: 1, done: 2 },
      link: readinessLink,
    };
    const mail = reminderMail({ ...base, projection: { current: 512.5, secured: 520, likely: 530.25, potential: 545 } });
    expect(mail.subject).toBe("30 dagar kvar till nästa utvärdering");
    expect(mail.text).toBe(
      [
        "Hej Sara!",
        "",
        "Nästa utvärdering av Tranemo är planerad till 31 mars 2027.",
        "Handlingsplanen har 4 öppna åtgärder, varav 1 försenade, och 2 klara.",
        "Prognos av 800 poäng: nu 512,5, säkrat 520, troligt 530,3, möjligt 545.",
        "",
        "Öppna i Kompassplan:",
        readinessLink,
        "",
        "Vänliga hälsningar\nKompassplan",
      ].join("\n"),
    );
    // Without an evaluation to project from, the projection line is left out.
    expect(reminderMail({ ...base, projection: null }).text).not.toContain("Prognos");
  });
});
