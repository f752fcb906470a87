import type { LoaderFunctionArgs } from "@remix-run/node";
import ical from "ical-generator";
import { isoDate } from "~/domain/dates.ts";
import { t } from "~/i18n/sv.ts";
import { listDeadlinesForCalendar } from "~/models/action.server.ts";
import { findUserByCalendarToken } from "~/models/calendar.server.ts";
import { publicUrl } from "~/platform/env.server.ts";
import { paths } from "~/paths.ts";

/** A user's deadlines as an iCalendar feed, behind the secret in its address. */
export async function loader({ params }: LoaderFunctionArgs) {
  const user = await findUserByCalendarToken(params.token ?? "");
  if (!user) return new Response(t.mine.calendarInvalid, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  // No calendar time zone: the events are whole days, and with one set ical-generator wrote
  // DTSTAMP as UTC digits without the Z that says so (read as local time by clients).
  const calendar = ical({ name: `${t.app.name} – ${user.name}`, prodId: { company: "Kompassplan", product: "Kompassplan", language: "SV" } });
  for (const action of await listDeadlinesForCalendar(user.id)) {
    const day = isoDate(action.deadline);
    calendar.createEvent({
      id: `${action.id}@kompassplan`,
      start: new Date(`${day}T00:00:00Z`),
      allDay: true,
      summary: `${t.action.deadline}: ${action.title}`,
      description: `${t.statuses[action.status]} · ${action.municipality.name}`,
      url: `${publicUrl()}${paths.action(action.municipality.slug, action.id)}`,
    });
  }
  return new Response(calendar.toString(), {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store" },
  });
}
