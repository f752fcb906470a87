import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { stockholmDate } from "~/domain/dates.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { reminderPolicySchema } from "~/forms/reminder-policy.ts";
import { t } from "~/i18n/sv.ts";
import { getNextEvaluationDate, setNextEvaluationDate } from "~/models/municipality.server.ts";
import { getReminderPolicy, saveReminderPolicy } from "~/models/reminders.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { twoStepRequirementSchema } from "~/forms/two-step.ts";
import { municipalityRequiresTwoStep, setMunicipalityTwoStepRequired } from "~/models/two-step.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.policy.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  return {
    policy: await getReminderPolicy(municipality.id),
    nextEvaluationDate: await getNextEvaluationDate(municipality.id),
    twoStepRequired: await municipalityRequiresTwoStep(municipality.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get("intent") === "two-step") {
    // Two-step sign-in for the whole municipality (issue #12, item 6): the coordinator's setting.
    const { municipality, user } = await requireMunicipality(request, params.slug, "users:manage");
    const parsedTwoStep = parseForm(twoStepRequirementSchema, form);
    if (!parsedTwoStep.ok) return data({ errors: parsedTwoStep.errors as FieldErrors, saved: false, twoStepSaved: false }, { status: 400 });
    await setMunicipalityTwoStepRequired(municipality.id, parsedTwoStep.data.required, user.id);
    return { errors: {} as FieldErrors, saved: false, twoStepSaved: true };
  }
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const parsed = parseForm(reminderPolicySchema(stockholmDate(new Date()), await getNextEvaluationDate(municipality.id)), form);
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, saved: false, twoStepSaved: false }, { status: 400 });
  const { nextEvaluationDate, ...settings } = parsed.data;
  await saveReminderPolicy(municipality.id, settings, user.id);
  await setNextEvaluationDate(municipality.id, nextEvaluationDate, user.id);
  return { errors: {} as FieldErrors, saved: true, twoStepSaved: false };
}

export default function ReminderPolicy() {
  const { policy, nextEvaluationDate, twoStepRequired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const numberField = (name: "lateEveryDays" | "graceDays" | "secondLevelDays" | "silenceDays") => (
    <Field name={name} label={t.policy[name]} inputMode="numeric" defaultValue={String(policy[name])} error={errors[name]} />
  );
  return (
    <>
      <h1>{t.policy.title}</h1>
      <p className="lead">{t.policy.intro}</p>
      {result?.saved ? (
        <p className="notice success" role="status">
          {t.policy.saved}
        </p>
      ) : null}
      <Form method="post" className="stacked card">
        <ErrorSummary errors={errors} idFor={(name) => (name === "digestWeekday" ? name : `field-${name}`)} />
        <Field name="daysBefore" label={t.policy.daysBefore} hint={t.policy.daysBeforeHint} defaultValue={policy.daysBefore.join(", ")} error={errors.daysBefore} />
        <label>
          <input type="checkbox" name="onDeadlineDay" defaultChecked={policy.onDeadlineDay} /> {t.policy.onDeadlineDay}
        </label>
        {numberField("lateEveryDays")}
        {numberField("graceDays")}
        {numberField("secondLevelDays")}
        {numberField("silenceDays")}
        <div className="field">
          <label htmlFor="digestWeekday">{t.policy.digestWeekday}</label>
          <select id="digestWeekday" name="digestWeekday" defaultValue={String(policy.digestWeekday)}>
            {t.policy.weekdays.map((day, i) => (
              <option key={day} value={i + 1}>
                {day}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="nextEvaluationDate"
          type="date"
          label={t.policy.nextEvaluation}
          hint={t.policy.nextEvaluationHint}
          defaultValue={nextEvaluationDate ?? ""}
          error={errors.nextEvaluationDate}
        />
        <div>
          <button type="submit">{t.policy.save}</button>
        </div>
      </Form>
      <Form method="post" className="stacked card" aria-labelledby="two-step-title">
        <h2 id="two-step-title">{t.twoStep.requirementTitle}</h2>
        {result?.twoStepSaved ? (
          <p className="notice success" role="status">
            {t.twoStep.requirementSaved}
          </p>
        ) : null}
        <input type="hidden" name="intent" value="two-step" />
        <label>
          <input type="checkbox" name="required" defaultChecked={twoStepRequired} aria-describedby="two-step-hint" /> {t.twoStep.requirementLabel}
        </label>
        <span className="hint" id="two-step-hint">
          {t.twoStep.requirementHint}
        </span>
        <div>
          <button type="submit">{t.twoStep.requirementSave}</button>
        </div>
      </Form>
    </>
  );
}
