import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CorrespondenceEditor } from "~/components/correspondence-editor.tsx";
import { SiteHeader } from "~/components/site-header.tsx";
import { t } from "~/i18n/sv.ts";
import { requireOperator } from "~/http/access.server.ts";
import { correspondencePaths, QUERY } from "~/paths.ts";
import { correspondencePage, saveCorrespondence } from "~/workflows/correspondence-page.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.correspondence.operatorTitle} – ${t.app.name}` }];

/** The shared correspondences (municipalityId null), recorded once by an operator for every municipality. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOperator(request);
  const searchParams = new URL(request.url).searchParams;
  return {
    user: { name: user.name, isOperator: true },
    view: await correspondencePage({ shared: true }, searchParams),
    saved: searchParams.get(QUERY.saved) === "1",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOperator(request);
  const result = await saveCorrespondence({ shared: true }, await request.formData(), user.id);
  if (!result.ok) return data(result, { status: 400 });
  return redirect(correspondencePaths.operator({ from: result.from, to: result.to, saved: true }));
}

export default function SharedCorrespondences() {
  const { user, view, saved } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <CorrespondenceEditor
          view={view}
          title={t.correspondence.operatorTitle}
          intro={t.correspondence.operatorIntro}
          canEdit
          municipal={false}
          saved={saved}
          href={(q) => correspondencePaths.operator(q)}
          failed={failed && !failed.ok ? failed : null}
        />
      </main>
    </>
  );
}
