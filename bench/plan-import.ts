import ExcelJS from "exceljs";

/**
 * `npm run bench`, the plan import (issue #13, item 6): a generated, fictional 1,000-row
 * spreadsheet uploaded (read, checked, kept), its preview page (every row checked against the
 * plan and shown), and the confirmation that saves the 1,000 actions in one transaction with
 * their invitations and assignment mail. Over HTTP as a coordinator does it; each figure is a
 * ratio to the lightest page measured in the same run.
 */

export interface PlanImportBench {
  base: string;
  cookie: string;
  slug: string;
  items: string[];
  ownerEmails: string[];
  lightestMs: number;
}

const ROWS = 1_000;
const STATUSES = ["Ej påbörjad", "Pågår", "Klar", "Avbruten"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A fictional plan: items from the evaluation, members and 20 people to invite, dates and statuses. */
export async function planSpreadsheet(run: number, items: readonly string[], ownerEmails: readonly string[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Handlingsplan");
  sheet.addRow(["Åtgärd", "Förbättringsområde", "Delfråga", "Ansvarig e-post", "Klart senast", "Status", "Kommentar"]);
  for (let n = 0; n < ROWS; n++) {
    const status = STATUSES[n % STATUSES.length]!;
    sheet.addRow([
      `Körning ${run}: åtgärd ${n + 1}`,
      items[n % items.length]!,
      `${(n % 8) + 1}.${(n % 3) + 1}`,
      n % 10 === 0 ? `inbjuden-${n % 20}-${run}@bench.kompassplan.se` : ownerEmails[n % ownerEmails.length]!,
      new Date(Date.UTC(2027, n % 12, (n % 28) + 1)),
      status,
      status === "Klar" || status === "Avbruten" ? `Kommentar till åtgärd ${n + 1}` : "",
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function benchPlanImport({ base, cookie, slug, items, ownerEmails, lightestMs }: PlanImportBench) {
  const headers = { Cookie: cookie, Origin: base };
  const uploadMs: number[] = [];
  const previewMs: number[] = [];
  const confirmMs: number[] = [];
  let bytes = 0;
  const runs = 3;
  for (let run = 1; run <= runs + 1; run++) {
    const file = await planSpreadsheet(run, items, ownerEmails);
    bytes = file.length;
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(file)]), "handlingsplan.xlsx");
    let t0 = performance.now();
    const uploaded = await fetch(`${base}/k/${slug}/plan/importera`, { method: "POST", body: form, headers, redirect: "manual" });
    await uploaded.arrayBuffer();
    const upload = performance.now() - t0;
    const columns = uploaded.headers.get("location");
    if (uploaded.status !== 302 || !columns) throw new Error(`upload: ${uploaded.status}`);
    const mapping = { title: "0", item: "1", question: "2", ownerEmail: "3", deadline: "4", status: "5", note: "6" };
    const mapped = await fetch(base + columns, { method: "POST", body: new URLSearchParams(mapping), headers, redirect: "manual" });
    const preview = mapped.headers.get("location")!;
    t0 = performance.now();
    const page = await fetch(base + preview, { headers });
    const html = await page.text();
    const previewTook = performance.now() - t0;
    if (!html.includes("1000 rader, varav 0 med problem.")) throw new Error("the generated plan should have no problems");
    const key = /name="submissionKey" value="([^"]+)"/.exec(html)![1]!;
    t0 = performance.now();
    const confirmed = await fetch(base + preview, { method: "POST", body: new URLSearchParams({ intent: "confirm", submissionKey: key }), headers, redirect: "manual" });
    await confirmed.arrayBuffer();
    const confirm = performance.now() - t0;
    if (confirmed.status !== 302) throw new Error(`confirm: ${confirmed.status}`);
    // The first run warms up.
    if (run > 1) {
      uploadMs.push(upload);
      previewMs.push(previewTook);
      confirmMs.push(confirm);
    }
  }
  const line = (label: string, ms: number) => console.log(`  ${label}: ${ms.toFixed(0)} ms = ${(ms / lightestMs).toFixed(0)} ×`);
  console.log(`\nImport av en handlingsplan (${ROWS} rader, ${Math.round(bytes / 1024)} kB .xlsx), median av ${runs}, som kvot mot /healthz (${lightestMs.toFixed(1)} ms):`);
  line("Ladda upp (läsa, kontrollera gränser, spara utkastet)", median(uploadMs));
  line("Granskningssidan (kontrollera och visa varje rad)", median(previewMs));
  line("Bekräfta (1000 åtgärder i en transaktion, 20 inbjudningar, tilldelningsbrev)", median(confirmMs));
}
