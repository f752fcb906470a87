const fmt = (n: number) => String(n).replace(".", ",");

/**
 * Every user-facing string, in Swedish. English can follow as another object of type Messages.
 */
export const sv = {
  app: {
    name: "Kompassplan",
    tagline: "Uppföljning av Kommunkompassen",
    skipToContent: "Hoppa till innehållet",
    mainNav: "Huvudmeny",
  },
  nav: {
    start: "Översikt",
    evaluations: "Utvärderingar",
    compare: "Jämförelse",
    users: "Användare",
    municipalities: "Kommuner",
    signOut: "Logga ut",
    signedInAs: (name: string) => `Inloggad som ${name}`,
    chooseMunicipality: "Välj kommun",
  },
  roles: {
    COORDINATOR: "Samordnare",
    OWNER: "Åtgärdsansvarig",
    VIEWER: "Förtroendevald (läsbehörighet)",
    OPERATOR: "Driftansvarig",
  },
  signIn: {
    title: "Logga in",
    intro: "Logga in med din e-postadress och ditt lösenord.",
    email: "E-postadress",
    password: "Lösenord",
    submit: "Logga in",
    failed: "Fel e-postadress eller lösenord.",
    throttled: (seconds: number) =>
      `För många misslyckade försök. Vänta ${seconds} sekunder och försök igen.`,
    emailInvalid: "Ange en giltig e-postadress.",
    passwordRequired: "Ange ditt lösenord.",
    signedOut: "Du är utloggad.",
  },
  errors: {
    forbiddenTitle: "Åtkomst nekad",
    forbiddenBody: "Du har inte behörighet till den här sidan eller åtgärden.",
    notFoundTitle: "Sidan finns inte",
    notFoundBody: "Sidan du söker finns inte, eller så har du inte tillgång till den.",
    crossOrigin: "Begäran kom från en annan webbplats och stoppades.",
    unexpectedTitle: "Något gick fel",
    unexpectedBody: "Ett oväntat fel inträffade. Försök igen om en stund.",
    badRequestTitle: "Felaktig begäran",
    backToStart: "Till startsidan",
    fixErrors: "Rätta felen nedan och försök igen.",
  },
  start: {
    title: (municipality: string) => `${municipality} – översikt`,
    latest: (year: number) => `Senaste utvärderingen (${year})`,
    total: "Totalpoäng",
    outOf: (max: number) => `av ${max}`,
    chartTitle: "Poäng per område",
    chartDescription: (latest: number, previous: number | null) =>
      previous === null
        ? `Stapeldiagram med poäng per område, av 100, i utvärderingen ${latest}.`
        : `Stapeldiagram med poäng per område, av 100, i utvärderingarna ${previous} och ${latest}.`,
    showAsTable: "Visa diagrammet som tabell",
    area: "Område",
    noEvaluation: "Kommunen har ännu ingen utvärdering.",
    versionCaveat:
      "Utvärderingarna bygger på olika versioner av Kommunkompassen. Poängen per område är inte direkt jämförbara.",
    openEvaluation: "Öppna utvärderingen",
  },
  evaluation: {
    listTitle: "Utvärderingar",
    title: (year: number) => `Utvärdering ${year}`,
    framework: "Ramverksversion",
    period: "Utvärderingsperiod",
    reportDate: "Rapportdatum",
    evaluators: "Utvärderare",
    total: "Totalpoäng",
    statedTotal: "Enligt rapporten",
    computedTotal: "Summa av områdena",
    noStatedTotal: "Rapporten anger ingen totalpoäng; summan av områdena visas.",
    areaHeading: (n: number, name: string) => `${n}. ${name}`,
    code: "Delfråga",
    question: "Fråga",
    points: "Poäng",
    max: "Max",
    percent: "Procent",
    printedPercent: (p: number) => `Rapporten anger ${p} %`,
    areaTotal: "Områdets summa",
    statedAreaTotal: (stated: string, computed: string) =>
      `Rapporten anger ${stated} poäng för området, men delfrågornas poäng summeras till ${computed}. Rapporten avrundar delfrågornas poäng; båda värdena visas.`,
    strengths: "Styrkor",
    improvements: "Förbättringsområden",
    goodExamples: "Goda exempel att studera",
    none: "Inga angivna.",
    missing: "Saknas",
    delete: "Ta bort utvärderingen",
    deleteConfirm: "Ja, ta bort utvärderingen",
    deleteHasActions: (count: number) =>
      `Utvärderingen kan inte tas bort: ${count} åtgärder är kopplade till dess förbättringsområden.`,
    deleted: "Utvärderingen är borttagen.",
    headings: "Rubriker",
    empty: "Inga utvärderingar är inlagda ännu.",
  },
  users: {
    title: "Användare",
    intro: "Här hanterar du vilka som har tillgång till kommunens uppföljning.",
    name: "Namn",
    email: "E-postadress",
    role: "Roll",
    actions: "Hantera",
    changeRole: "Byt roll",
    save: "Spara",
    remove: "Ta bort",
    removeLabel: (name: string) => `Ta bort ${name}`,
    roleLabel: (name: string) => `Roll för ${name}`,
    inviteTitle: "Bjud in en användare",
    invite: "Skicka inbjudan",
    invited: (email: string) => `En inbjudan har skickats till ${email}.`,
    inviteLink: "Inbjudningslänk (kan också skickas på annat sätt):",
    alreadyMember: "Personen har redan tillgång till kommunen.",
    roleChanged: "Rollen är ändrad.",
    removed: "Användaren har inte längre tillgång till kommunen.",
    cannotRemoveSelf: "Du kan inte ta bort dig själv.",
    lastCoordinator: "Kommunen måste ha minst en samordnare.",
    nameRequired: "Ange ett namn.",
    roleInvalid: "Välj en roll.",
    pending: "Inbjuden, inte aktiverad",
  },
  invitation: {
    title: "Välkommen till Kompassplan",
    intro: (municipality: string) =>
      `Du har bjudits in till ${municipality}. Välj ett lösenord för att aktivera ditt konto.`,
    password: "Nytt lösenord",
    passwordHint: "Minst 10 tecken.",
    confirm: "Upprepa lösenordet",
    submit: "Aktivera kontot",
    passwordTooShort: "Lösenordet måste vara minst 10 tecken.",
    mismatch: "Lösenorden stämmer inte överens.",
    invalid: "Inbjudan är ogiltig eller har gått ut. Be din samordnare om en ny.",
    mailSubject: (municipality: string) => `Inbjudan till Kompassplan – ${municipality}`,
    mailText: (name: string, municipality: string, link: string, days: number) =>
      `Hej ${name}!\n\nDu har bjudits in till Kompassplan för ${municipality}, där kommunen följer upp sin utvärdering enligt Kommunkompassen.\n\nAktivera ditt konto här (länken gäller i ${days} dagar):\n${link}\n\nVänliga hälsningar\nKompassplan`,
  },
  municipalities: {
    title: "Kommuner",
    intro: "Kommuner i den här installationen.",
    slug: "Kortnamn",
  },
  importer: {
    title: "Läs in en utvärderingsrapport",
    intro:
      "Ladda upp rapporten från Kommunkompassen som PDF, Word (.docx) eller textfil, eller klistra in dess text. Du granskar och rättar det som lästs in innan något sparas.",
    file: "Rapportfil",
    fileHint: "PDF, Word (.docx) eller text (.txt), högst 20 MB.",
    pasted: "…eller klistra in rapportens text",
    read: "Läs in rapporten",
    manual: "Rapporten går inte att läsa in? Lägg in utvärderingen för hand.",
    noInput: "Välj en fil eller klistra in rapportens text.",
    previewTitle: "Granska innan du sparar",
    previewIntro:
      "Kontrollera poängen och listorna mot rapporten och rätta det som behövs. Ingenting sparas förrän du bekräftar.",
    warningsTitle: "Att kontrollera",
    noWarnings: "Inga oklarheter hittades.",
    confirm: "Spara utvärderingen",
    cancel: "Avbryt",
    saved: "Utvärderingen är sparad.",
    duplicate: "Den här rapporten är redan inläst.",
    openExisting: "Öppna den befintliga utvärderingen",
    failures: {
      empty: "Filen är tom.",
      "not-text": "Filen innehåller inte läsbar text.",
      "not-kommunkompassen": "Filen ser inte ut att vara en rapport från Kommunkompassen.",
      "no-scores": "Rapporten nämner Kommunkompassen men innehåller ingen poängtabell som gick att läsa.",
      "too-large": "Filen är för stor. Största tillåtna storlek är 20 MB.",
      unsupported: "Filtypen stöds inte. Använd PDF, Word (.docx) eller text.",
      unreadable: "Filen gick inte att öppna. Den kan vara skadad eller lösenordsskyddad.",
      missing: (file: string) => `Filen finns inte: ${file}`,
      municipality: (slug: string) => `Det finns ingen kommun med kortnamnet ${slug}.`,
      version: "Ramverksversionen kunde inte avgöras.",
    },
    warnings: {
      "missing-question": (w: { area: number; question: string }) => `Delfråga ${w.question} saknas i rapporten.`,
      "unknown-question": (w: { question: string }) => `Delfråga ${w.question} finns inte i ramverksversionen.`,
      "duplicate-question": (w: { question: string }) => `Delfråga ${w.question} förekommer flera gånger med olika poäng.`,
      "points-above-max": (w: { question: string; points: number; maxPoints: number }) =>
        `Delfråga ${w.question} har ${fmt(w.points)} poäng, mer än max ${fmt(w.maxPoints)}.`,
      "max-differs": (w: { question: string; printed: number; expected: number }) =>
        `Delfråga ${w.question} har max ${fmt(w.printed)} i rapporten men ${fmt(w.expected)} i ramverket.`,
      "area-sum-mismatch": (w: { area: number; stated: number; computed: number }) =>
        `Område ${w.area}: rapporten anger ${fmt(w.stated)} poäng, men delfrågorna summeras till ${fmt(w.computed)}.`,
      "area-total-conflict": (w: { area: number; values: number[] }) =>
        `Område ${w.area}: rapporten anger olika summor (${w.values.map(fmt).join(" och ")}).`,
      "total-mismatch": (w: { stated: number; computed: number }) =>
        `Rapporten anger totalt ${fmt(w.stated)} poäng, men områdena summeras till ${fmt(w.computed)}.`,
      "list-unsplit": (w: { area: number }) =>
        `Område ${w.area}: styrkor och förbättringsområden kunde inte delas upp. Kontrollera listorna.`,
      "lists-missing": (w: { area: number }) => `Område ${w.area}: inga styrkor eller förbättringsområden hittades.`,
      "area-missing": (w: { area: number }) => `Område ${w.area} saknas i rapporten.`,
      "version-uncertain": () => "Ramverksversionen är osäker. Kontrollera att rätt version är vald.",
      "metadata-missing": (w: { field: "municipality" | "year" }) =>
        w.field === "year" ? "Utvärderingsåret hittades inte." : "Kommunens namn hittades inte.",
    },
  },
  evaluationForm: {
    newTitle: "Ny utvärdering",
    about: "Om utvärderingen",
    handTitle: "Lägg in en utvärdering för hand",
    editTitle: (year: number) => `Redigera utvärdering ${year}`,
    edit: "Redigera utvärderingen",
    changeVersion: "Byt version",
    onePerLine: "En per rad.",
    commaSeparated: "Skilj kommunerna åt med kommatecken.",
    statedTotal: "Totalpoäng enligt rapporten",
    statedArea: (n: number) => `Områdets summa enligt rapporten (område ${n})`,
    statedHint: "Lämna tomt om rapporten inte anger någon.",
    chooseVersion: "Välj ramverksversion",
    start: "Fortsätt",
    saveChanges: "Spara ändringarna",
    updated: "Ändringarna är sparade.",
    itemHasActions: (text: string) =>
      `Förbättringsområdet "${text}" har åtgärder och kan inte tas bort. Ta bort eller flytta åtgärderna först.`,
  },
  compare: {
    title: "Jämförelse över tid",
    intro: "Kommunens utvärderingar sida vid sida.",
    perArea: "Poäng per område",
    perQuestion: (version: string) => `Poäng per delfråga (${version})`,
    caveat:
      "Utvärderingarna bygger på olika versioner av Kommunkompassen. Områdena jämförs med samma nummer, men frågorna och poängsättningen skiljer sig, så poängen är inte direkt jämförbara.",
    needTwo: "Jämförelsen visas när kommunen har minst två utvärderingar.",
    total: "Totalt",
  },
  chart: {
    previous: (year: number) => `Föregående (${year})`,
    latest: (year: number) => `Senaste (${year})`,
  },
} as const;

export type Messages = typeof sv;

/** The active catalog. A second language is another object satisfying Messages. */
export const t: Messages = sv;
