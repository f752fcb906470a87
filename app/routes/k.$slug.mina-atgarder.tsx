import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmForm, ConfirmPage } from "~/components/confirm-step.tsx";
import { StatusBadge } from "~/components/status-badge.tsx";
import { can } from "~/domain/access.ts";
import { compareForOwner, daysLate } from "~/domain/actions/status.ts";
import { calendarRenewal, type ConfirmPrompt } from "~/forms/confirm.ts";
import { confirmationStep } from "~/http/confirm.server.ts";
import { t } from "~/i18n/sv.ts";
import { listOwnActions } from "~/models/action.server.ts";
import { calendarFeedOf, hasCalendarToken, renewCalendarToken } from "~/models/calendar.server.ts";
import { getDigestPreference, setDigestPreference } from "~/models/reminders.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { formatDate } from "~/utils/format.ts";
import { z } from "zod";
import { paths } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

const digestSchema = z.enum(["SINGLE", "WEEKLY"]);

const calendarAddress = (token: string) => `${publicUrl()}/kalender/${token}.ics`;

export const meta: MetaFunction = () => [{ title: `${t.mine.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  const now = new Date();
  // Reminders go to action owners; a viewer never owns one, so their settings are not shown to them.
  const receivesReminders = can({ isOperator: user.isOperator, role }, "actions:update-own");
  // Independent reads side by side. The calendar is only ever the signed-in user's own feed: the address is personal, across municipalities (ADR 0045).
  const [own, calendar, digest] = await Promise.all([
    listOwnActions(municipality.id, user.id),
    calendarFeedOf(user.id),
    receivesReminders ? getDigestPreference(user.id) : null,
  ]);
  return {
    municipality,
    actions: own.sort(compareForOwner(now)).map((a) => ({ ...a, daysLate: daysLate(a, now) })),
    hasCalendar: calendar.state !== "none",
    calendarUrl: calendar.state === "shown" ? calendarAddress(calendar.token) : null,
    digest,
  };
}

/** Creates or renews the personal calendar address (any signed-in member, for their own feed). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireMunicipality(request, params.slug);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "digest") {
    await requireMunicipality(request, params.slug, "actions:update-own");
    const parsed = digestSchema.safeParse(form.get("digest"));
    if (!parsed.success) return data({ url: null, digestSaved: false }, { status: 400 });
    await setDigestPreference(user.id, parsed.data);
    return { url: null, digestSaved: true };
  }
  if (intent !== "calendar") return data({ url: null, digestSaved: false }, { status: 400 });
  // Renewing ends the old address in every calendar that uses it: asked first (ADR 0043).
  const renewing = await hasCalendarToken(user.id);
  const confirm = renewing ? confirmationStep(form, calendarRenewal()) : null;
  if (confirm) return { url: null, digestSaved: false, confirm };
  const token = await renewCalendarToken(user.id);
  return { url: calendarAddress(token), renewed: renewing, digestSaved: false, confirm: null as ConfirmPrompt | null };
}

export default function MyActions() {
  const { municipality, actions, hasCalendar, calendarUrl, digest } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result && "confirm" in result && result.confirm) return <ConfirmPage prompt={result.confirm} cancelHref={paths.mine(municipality.slug)} />;
  // The loader runs again after the post, so both name the same address; the post's answer is kept for safety.
  const address = result?.url ?? calendarUrl;
  return (
    <>
      <h1>{t.mine.title}</h1>
      <p className="lead">{t.mine.intro}</p>
      {actions.length === 0 ? (
        <p className="notice">{t.mine.empty}</p>
      ) : (
        <TableFrame label={t.mine.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.action.title}</th>
              <th scope="col">{t.action.item}</th>
              <th scope="col">{t.plan.deadline}</th>
              <th scope="col">{t.plan.status}</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={paths.action(municipality.slug, a.id)}>{a.title}</Link>
                </td>
                <td>
                  {a.area}. {a.item}
                </td>
                <td>{formatDate(a.deadline)}</td>
                <td>
                  <StatusBadge status={a.status} daysLate={a.daysLate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      )}
      {digest ? (
        <section className="card" aria-labelledby="digest-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="digest-heading">{t.preferences.title}</h2>
          {result?.digestSaved ? (
            <p className="notice success" role="status">
              {t.preferences.saved}
            </p>
          ) : null}
          <Form method="post" className="stacked">
            <input type="hidden" name="intent" value="digest" />
            <fieldset>
              <legend className="visually-hidden">{t.preferences.title}</legend>
              <label>
                <input type="radio" name="digest" value="SINGLE" defaultChecked={digest === "SINGLE"} /> {t.preferences.single}
              </label>
              <br />
              <label>
                <input type="radio" name="digest" value="WEEKLY" defaultChecked={digest === "WEEKLY"} /> {t.preferences.weekly}
              </label>
            </fieldset>
            <p className="hint">{t.preferences.note}</p>
            <div>
              <button type="submit" className="secondary">
                {t.preferences.save}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">{t.mine.calendarTitle}</h2>
        <p>{t.mine.calendarIntro}</p>
        {result?.url ? (
          <p className="notice success" role="status">
            {"renewed" in result && result.renewed ? t.mine.calendarRenewed : t.mine.calendarCreated}
          </p>
        ) : null}
        {address ? (
          <div className="field">
            <label htmlFor="calendar-url">{t.mine.calendarUrl}</label>
            <input
              id="calendar-url"
              readOnly
              value={address}
              className="wide"
              aria-describedby="calendar-url-hint"
              onFocus={(event) => event.currentTarget.select()}
            />
            <p id="calendar-url-hint" className="hint">
              {t.mine.calendarCopy}
            </p>
          </div>
        ) : hasCalendar ? (
          <p className="notice">{t.mine.calendarHidden}</p>
        ) : null}
        <ConfirmForm text={calendarRenewal()} when={() => hasCalendar}>
          <input type="hidden" name="intent" value="calendar" />
          <button type="submit" className="secondary">
            {hasCalendar ? t.mine.calendarRenew : t.mine.calendarCreate}
          </button>
        </ConfirmForm>
      </section>
    </>
  );
}
