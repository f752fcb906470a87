import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErasurePage } from "~/components/erasure-page.tsx";
import { requireMunicipality } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import { erasePageAction, erasurePageData } from "~/workflows/personal-data-page.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.personalData.eraseLink} – ${t.app.name}` }];

/** A coordinator erases a member who belongs to this municipality only (an operator: any member). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "users:manage");
  const page = await erasurePageData(request, user, params.userId, municipality.id);
  return { ...page, slug: municipality.slug, userId: params.userId ?? "" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "users:manage");
  return erasePageAction(request, user, params.userId, municipality.id);
}

export default function ErasePerson() {
  const { done, preview, slug, userId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <ErasurePage
      done={done}
      preview={preview}
      result={result}
      exportHref={paths.personalDataExport(slug, userId)}
      backHref={paths.users(slug)}
      backLabel={t.personalData.backToUsers}
    />
  );
}
