import { singleLine } from "~/forms/fields.ts";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { paths } from "~/paths.ts";
import { z } from "zod";
import { SiteHeader } from "~/components/site-header.tsx";
import { t } from "~/i18n/sv.ts";
import { MAIL_OVERDUE_MS, mailCounts, overduePendingMail } from "~/models/mail.server.ts";
import { requireOperator } from "~/http/access.server.ts";
import { queueHealth, retryFailedJob } from "~/platform/queue.server.ts";
import { formatDateTime } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction = () => [{ title: `${t.operations.title} – ${t.app.name}` }];

/**
 * Queue health for operators: counts, the recurring jobs' schedulers, mail that has waited too
 * long, failed jobs with their reason, and retry.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOperator(request);
  const overdue = await overduePendingMail(MAIL_OVERDUE_MS);
  return {
    user: { name: user.name, isOperator: true },
    health: await queueHealth(),
    mails: await mailCounts(),
    overdue: { count: overdue.count, oldest: overdue.oldest?.toISOString() ?? null, minutes: MAIL_OVERDUE_MS / 60_000 },
  };
}

// Control characters are refused here: on the PostgreSQL queue backend a NUL in the id reached
// the database and answered 500.
const retrySchema = z.object({ queue: z.string().min(1).max(50).refine(singleLine), jobId: z.string().min(1).max(200).refine(singleLine) });

export async function action({ request }: ActionFunctionArgs) {
  await requireOperator(request);
  const parsed = retrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false }, { status: 400 });
  const ok = await retryFailedJob(parsed.data.queue, parsed.data.jobId);
  return data({ ok }, { status: ok ? 200 : 404 });
}

export default function Operations() {
  const { user, health, mails, overdue } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <h1>{t.operations.title}</h1>
        <p className="lead">
          {t.operations.intro} {t.operations.backend(health.backend === "redis" ? "Redis" : "PostgreSQL")}
        </p>
        <p>
          <Link to={paths.operatorConsole()}>{t.operatorConsole.driftLink}</Link>: {t.operatorConsole.driftLinkText}
        </p>
        <p>
          <Link to={paths.operatorAuditLog()}>{t.auditLog.operatorTitle}</Link>
        </p>
        <p>
          <Link to={paths.operatorFrameworks()}>{t.frameworkAdmin.link}</Link>: {t.frameworkAdmin.linkText}
        </p>
        {result?.ok ? (
          <p className="notice success" role="status">
            {t.operations.retried}
          </p>
        ) : null}
        <TableFrame label={t.operations.title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.operations.queue}</th>
              <th scope="col" className="num">{t.operations.waiting}</th>
              <th scope="col" className="num">{t.operations.active}</th>
              <th scope="col" className="num">{t.operations.delayed}</th>
              <th scope="col" className="num">{t.operations.failed}</th>
              <th scope="col" className="num">{t.operations.completed}</th>
            </tr>
          </thead>
          <tbody>
            {health.queues.map((q) => (
              <tr key={q.name}>
                <th scope="row">{t.operations.queueNames[q.name] ?? q.name}</th>
                {(["waiting", "active", "delayed", "failed", "completed"] as const).map((k) => (
                  <td key={k} className="num">
                    {q.counts[k] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
        <h2>{t.operations.overdueTitle}</h2>
        {overdue.count > 0 && overdue.oldest ? (
          <div className="notice error" role="alert">
            <p>{t.operations.overdue(overdue.count, overdue.minutes, formatDateTime(overdue.oldest))}</p>
            <p>{t.operations.overdueHelp}</p>
          </div>
        ) : (
          <p>{t.operations.overdueNone(overdue.minutes)}</p>
        )}
        <h2>{t.operations.schedulersTitle}</h2>
        <p>{t.operations.schedulersIntro}</p>
        {health.schedulers.some((s) => !s.present) ? (
          <p className="notice error" role="alert">
            {t.operations.schedulersMissing}
          </p>
        ) : null}
        <TableFrame label={t.operations.schedulersTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.operations.schedulerJob}</th>
              <th scope="col">{t.operations.schedulerId}</th>
              <th scope="col">{t.operations.queue}</th>
              <th scope="col">{t.operations.schedulerStatus}</th>
            </tr>
          </thead>
          <tbody>
            {health.schedulers.map((s) => (
              <tr key={`${s.queue}/${s.id}`}>
                <th scope="row">{t.operations.schedulerNames[s.id] ?? s.id}</th>
                <td>
                  <code>{s.id}</code>
                </td>
                <td>{t.operations.queueNames[s.queue] ?? s.queue}</td>
                <td>
                  {s.present
                    ? t.operations.schedulerPresent(s.next ? formatDateTime(s.next) : null)
                    : t.operations.schedulerAbsent}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
        <h2>{t.operations.mails}</h2>
        <p>{Object.entries(mails).map(([status, n]) => `${t.outbox.statuses[status] ?? status}: ${n}`).join(" · ") || "–"}</p>
        <h2>{t.operations.failedJobs}</h2>
        {health.queues.every((q) => q.failed.length === 0) ? <p>{t.operations.none}</p> : null}
        {health.queues
          .filter((q) => q.failed.length > 0)
          .map((q) => (
            <TableFrame key={q.name} label={t.operations.queueNames[q.name] ?? q.name}>
            <table>
              <caption>{t.operations.queueNames[q.name] ?? q.name}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.operations.job}</th>
                  <th scope="col">{t.operations.reason}</th>
                  <th scope="col" className="num">{t.operations.attempts}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.operations.retry}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.failed.map((job) => (
                  <tr key={job.id}>
                    <td>
                      {job.name} ({job.id})
                    </td>
                    <td>{job.reason}</td>
                    <td className="num">{job.attempts}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="queue" value={q.name} />
                        <input type="hidden" name="jobId" value={job.id} />
                        <button type="submit" className="secondary">
                          {t.operations.retry}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableFrame>
          ))}
      </main>
    </>
  );
}
