import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { t } from "~/i18n/sv.ts";
import { listOutbox } from "~/models/mail.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { TIME_ZONE } from "~/domain/dates.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction = () => [{ title: `${t.outbox.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "actions:manage");
  const mails = await listOutbox(municipality.id);
  return {
    mails: mails.map((m) => ({
      id: m.id,
      recipient: m.recipient,
      subject: m.subject,
      text: m.text,
      kind: m.kind,
      status: m.status,
      at: (m.sentAt ?? m.createdAt).toISOString(),
    })),
  };
}

export default function Outbox() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t.outbox.title}</h1>
      <p className="lead">{t.outbox.intro}</p>
      {mails.length === 0 ? (
        <p className="notice">{t.outbox.empty}</p>
      ) : (
        <TableFrame label={t.outbox.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.outbox.when}</th>
              <th scope="col">{t.outbox.recipient}</th>
              <th scope="col">{t.outbox.subject}</th>
              <th scope="col">{t.outbox.kind}</th>
              <th scope="col">{t.outbox.status}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((m) => (
              <tr key={m.id}>
                <td>{new Date(m.at).toLocaleString("sv-SE", { timeZone: TIME_ZONE })}</td>
                <td>{m.recipient}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre className="mail-text">{m.text}</pre>
                  </details>
                </td>
                <td>{t.reminders.kindLabel[m.kind ?? ""] ?? m.kind ?? "–"}</td>
                <td>{t.outbox.statuses[m.status] ?? m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      )}
    </>
  );
}
