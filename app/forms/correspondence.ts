import { z } from "zod";
import { counterpartProblems, MAX_COUNTERPARTS, percentFromShare, shareFromPercent, type CounterpartInput, type CounterpartProblem } from "~/domain/correspondence.ts";
import { t } from "~/i18n/sv.ts";
import { parseDecimal, singleLine } from "./fields.ts";

const e = t.correspondence.errors;

/** Field names of slot `i`: the new question and its share in percent. */
export const slotFields = (i: number) => ({ to: `to-${i}`, share: `share-${i}` });
export const SLOTS = Array.from({ length: MAX_COUNTERPARTS }, (_, i) => i);

export const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const slotValue = z.string().max(100).refine(singleLine).optional().default("");

/** The Swedish message of a rule the domain found broken, for the field it belongs to. */
export function problemMessage(problem: CounterpartProblem, counterparts: readonly CounterpartInput[]): { field: string; message: string } {
  const names = slotFields(problem.slot);
  if (problem.field === "to") return { field: names.to, message: problem.problem === "duplicate" ? e.duplicate : e.to };
  const total = counterparts.reduce((s, c) => s + c.share, 0);
  return { field: names.share, message: e.sum(String(percentFromShare(total)).replace(".", ",")) };
}

/**
 * One old question's counterparts: up to MAX_COUNTERPARTS rows of a new question and its share
 * in percent (0 < share <= 100, two decimals), shares adding up to at most 100 %. Whether the
 * new questions belong to the target version is checked again on the server.
 */
export const correspondenceSchema = z
  .object({
    fromQuestionId: z.string({ error: e.question }).regex(uuid, { error: e.question }),
    ...Object.fromEntries(SLOTS.flatMap((i) => [[slotFields(i).to, slotValue], [slotFields(i).share, slotValue]])),
  })
  .transform((raw, ctx) => {
    const values = raw as Record<string, string>;
    const counterparts: CounterpartInput[] = [];
    for (const slot of SLOTS) {
      const names = slotFields(slot);
      const to = (values[names.to] ?? "").trim();
      const shareText = (values[names.share] ?? "").trim();
      if (to === "" && shareText === "") continue;
      if (to === "") {
        ctx.addIssue({ code: "custom", path: [names.share], message: e.shareWithoutQuestion });
        continue;
      }
      if (!uuid.test(to)) {
        ctx.addIssue({ code: "custom", path: [names.to], message: e.to });
        continue;
      }
      if (shareText === "") {
        ctx.addIssue({ code: "custom", path: [names.share], message: e.shareMissing });
        continue;
      }
      const percent = parseDecimal(shareText);
      if (percent === null || percent <= 0 || percent > 100 || /[.,]\d{3,}$/.test(shareText)) {
        ctx.addIssue({ code: "custom", path: [names.share], message: e.share });
        continue;
      }
      counterparts.push({ slot, toQuestionId: to.toLowerCase(), share: shareFromPercent(percent) });
    }
    // Duplicates and the sum; whether each question is in the target version is the server's check.
    for (const problem of counterpartProblems(counterparts, new Set(counterparts.map((c) => c.toQuestionId)))) {
      const { field, message } = problemMessage(problem, counterparts);
      ctx.addIssue({ code: "custom", path: [field], message });
    }
    return { fromQuestionId: raw.fromQuestionId.toLowerCase(), counterparts };
  });

export type CorrespondenceForm = z.infer<typeof correspondenceSchema>;
