import { exportFileName } from "~/domain/personal-data.ts";
import type { ErasureActor } from "~/domain/personal-data.ts";
import { attachment } from "~/http/download.server.ts";
import { t } from "~/i18n/sv.ts";
import { collectPersonalData, erasePerson, type PersonalDataScope } from "~/models/personal-data.server.ts";

/**
 * The register extract as a download (GDPR art. 15) and erasure by pseudonymisation (art. 17).
 * Who may ask is checked by the route (the person, a coordinator for their municipality's part,
 * an operator for everything); what `scope` lets through is decided in the model. ADR 0032.
 */
export async function personalDataDownload(userId: string, scope: PersonalDataScope, now = new Date()): Promise<Response | null> {
  const extract = await collectPersonalData(userId, scope, now, t.personalData.redactedLink);
  if (!extract) return null;
  const body = `${JSON.stringify(extract, null, 2)}\n`;
  return new Response(body, {
    headers: {
      ...attachment(exportFileName(extract.account.name, now.toISOString().slice(0, 10)), "application/json; charset=utf-8"),
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function erasePersonAs(actor: ErasureActor, userId: string, municipalityId: string | null) {
  return erasePerson(actor, userId, municipalityId, t.personalData.pseudonym);
}
