import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/field.tsx";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { reminderPolicySchema } from "~/forms/reminder-policy.ts";
import { t } from "~/i18n/sv.ts";
import { getNextEvaluationDate, setNextEvaluationDate } from "~/models/municipality.server.ts";
import { getReminderPolicy, saveReminderPolicy } from "~/models/reminders.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.policy.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  return { policy: await getReminderPolicy(municipality.id), nextEvaluationDate: await getNextEvaluationDate(municipality.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const parsed = parseForm(reminderPolicySchema, await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors as FieldErrors, saved: false }, { status: 400 });
  const { nextEvaluationDate, ...settings } = parsed.data;
  await saveReminderPolicy(municipality.id, settings, user.id);
  await setNextEvaluationDate(municipality.id, nextEvaluationDate, user.id);
  return { errors: {} as FieldErrors, saved: true };
}

export default function ReminderPolicy() {
  const { policy, nextEvaluationDate } = useLoaderData<typeof loader>();
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
    </>
  );
}
