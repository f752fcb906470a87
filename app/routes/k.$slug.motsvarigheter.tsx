import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CorrespondenceEditor } from "~/components/correspondence-editor.tsx";
import { can } from "~/domain/access.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { correspondencePaths, QUERY } from "~/paths.ts";
import { correspondencePage, saveCorrespondence } from "~/workflows/correspondence-page.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.correspondence.title} – ${t.app.name}` }];

/** How this municipality's evaluations of two versions correspond: everyone reads, coordinators change. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, user, role } = await requireMunicipality(request, params.slug);
  const searchParams = new URL(request.url).searchParams;
  const view = await correspondencePage({ municipalityId: municipality.id }, searchParams);
  return {
    slug: municipality.slug,
    view,
    canEdit: can({ isOperator: user.isOperator, role }, "evaluation:manage"),
    saved: searchParams.get(QUERY.saved) === "1",
    isOperator: user.isOperator,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { municipality, user } = await requireMunicipality(request, params.slug, "evaluation:manage");
  const result = await saveCorrespondence({ municipalityId: municipality.id }, await request.formData(), user.id);
  if (!result.ok) return data(result, { status: 400 });
  return redirect(correspondencePaths.municipality(municipality.slug, { from: result.from, to: result.to, saved: true }));
}

export default function MunicipalityCorrespondences() {
  const { slug, view, canEdit, saved, isOperator } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      {isOperator ? (
        <p>
          <Link to={correspondencePaths.operator({ from: view.from ?? undefined, to: view.to ?? undefined })}>{t.correspondence.operatorLink}</Link>
        </p>
      ) : null}
      <CorrespondenceEditor
      view={view}
      title={t.correspondence.title}
      intro={t.correspondence.intro}
      canEdit={canEdit}
      municipal
      saved={saved}
      href={(q) => correspondencePaths.municipality(slug, q)}
      failed={failed && !failed.ok ? failed : null}
      />
    </>
  );
}
