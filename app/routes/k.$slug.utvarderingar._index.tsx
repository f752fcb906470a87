import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "~/domain/access.ts";
import { t } from "~/i18n/sv.ts";
import { listEvaluations } from "~/models/evaluation.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { formatPoints } from "~/utils/format.ts";
import { paths, QUERY } from "~/paths.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction = () => [{ title: `${t.evaluation.listTitle} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  return {
    municipality,
    evaluations: await listEvaluations(municipality.id),
    canManage: can({ isOperator: user.isOperator, role }, "evaluation:manage"),
  };
}

export default function EvaluationList() {
  const { municipality, evaluations, canManage } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t.evaluation.listTitle}</h1>
      <p className="inline-form no-print">
        {canManage ? (
          <Link className="button" to={paths.newEvaluation(municipality.slug)}>
            {t.importer.title}
          </Link>
        ) : null}
        {evaluations.length > 1 ? <Link to={paths.compare(municipality.slug)}>{t.compare.title}</Link> : null}
      </p>
      {params.get(QUERY.deleted) ? <p className="notice success" role="status">{t.evaluation.deleted}</p> : null}
      {evaluations.length === 0 ? (
        <p className="notice">{t.evaluation.empty}</p>
      ) : (
        <TableFrame label={t.evaluation.listTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.evaluation.year}</th>
              <th scope="col">{t.evaluation.framework}</th>
              <th scope="col">{t.evaluation.period}</th>
              <th scope="col" className="num">{t.evaluation.statedTotal}</th>
            </tr>
          </thead>
          <tbody>
            {evaluations.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link to={paths.evaluation(municipality.slug, e.id)}>{t.evaluation.title(e.year)}</Link>
                </td>
                <td>{e.frameworkVersion.name}</td>
                <td>{e.period ?? "–"}</td>
                <td className="num">{e.statedTotal === null ? "–" : formatPoints(Number(e.statedTotal))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableFrame>
      )}
    </>
  );
}
