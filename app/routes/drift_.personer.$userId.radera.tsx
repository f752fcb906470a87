import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErasurePage } from "~/components/erasure-page.tsx";
import { SiteHeader } from "~/components/site-header.tsx";
import { requireOperator } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import { erasePageAction, erasurePageData } from "~/workflows/personal-data-page.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.personalData.eraseLink} – ${t.app.name}` }];

/** An operator erases anyone but themselves: people in several municipalities, operators, people with no membership. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireOperator(request);
  const page = await erasurePageData(request, user, params.userId, null);
  return { ...page, user: { name: user.name, isOperator: true }, userId: params.userId ?? "" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireOperator(request);
  return erasePageAction(request, user, params.userId, null);
}

export default function OperatorErasePerson() {
  const { done, preview, user, userId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <ErasurePage
          done={done}
          preview={preview}
          result={result}
          exportHref={paths.operatorPersonalDataExport(userId)}
          backHref="/drift"
          backLabel={t.personalData.backToOperations}
        />
      </main>
    </>
  );
}
