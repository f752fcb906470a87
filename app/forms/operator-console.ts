import { z } from "zod";
import { checkOrganisationNumber, isValidSlug, MAX_EMAIL_DOMAINS, parseEmailDomains } from "~/domain/municipality.ts";
import { t } from "~/i18n/sv.ts";
import { controlCharacters, singleLine } from "./fields.ts";

const m = t.operatorConsole;

const municipalityName = z
  .string({ error: m.nameRequired })
  .trim()
  .min(1, { error: m.nameRequired })
  .max(120, { error: m.nameRequired })
  .refine(singleLine, controlCharacters);

/** A new municipality: name, short name (the address), organisation number, optional e-mail domains. */
export const createMunicipalitySchema = z.object({
  intent: z.literal("create"),
  name: municipalityName,
  slug: z
    .string({ error: m.slugInvalid })
    .trim()
    .max(100, { error: m.slugInvalid })
    .refine(isValidSlug, { error: m.slugInvalid }),
  organisationNumber: z
    .string({ error: m.organisationNumberFormat })
    .max(40, { error: m.organisationNumberFormat })
    .transform((raw, ctx) => {
      const checked = checkOrganisationNumber(raw);
      if (checked.ok) return checked.value;
      const message = {
        format: m.organisationNumberFormat,
        "personal-number": m.organisationNumberPersonal,
        "check-digit": m.organisationNumberCheckDigit,
      }[checked.reason];
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }),
  emailDomains: z
    .string()
    .max(2000, { error: m.emailDomainsTooMany(MAX_EMAIL_DOMAINS) })
    .default("")
    .transform((raw, ctx) => {
      const parsed = parseEmailDomains(raw);
      if (parsed.ok) return parsed.domains;
      ctx.addIssue({ code: "custom", message: "invalid" in parsed ? m.emailDomainInvalid(parsed.invalid.slice(0, 80)) : m.emailDomainsTooMany(MAX_EMAIL_DOMAINS) });
      return z.NEVER;
    }),
});

export const renameMunicipalitySchema = z.object({ intent: z.literal("rename"), name: municipalityName });

export const inviteCoordinatorSchema = z.object({
  intent: z.literal("invite"),
  name: z.string({ error: t.users.nameRequired }).trim().min(1, { error: t.users.nameRequired }).max(200, { error: t.users.nameRequired }).refine(singleLine, controlCharacters),
  email: z.string({ error: t.signIn.emailInvalid }).trim().max(320, { error: t.signIn.emailInvalid }).pipe(z.email({ error: t.signIn.emailInvalid })),
});

/** What the console's page for one municipality accepts. */
export const municipalityConsoleSchema = z.discriminatedUnion("intent", [
  renameMunicipalitySchema,
  inviteCoordinatorSchema,
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);
