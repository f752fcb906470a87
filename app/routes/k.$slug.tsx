import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { can } from "~/domain/access.ts";
import { t } from "~/i18n/sv.ts";
import { requireMunicipality } from "~/http/access.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality, role } = await requireMunicipality(request, params.slug);
  return {
    user: { name: user.name, isOperator: user.isOperator },
    municipality,
    role,
    canManageUsers: can({ isOperator: user.isOperator, role }, "users:manage"),
  };
}

export default function MunicipalityLayout() {
  const { user, municipality, role, canManageUsers } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader
        user={user}
        municipality={municipality}
        canManageUsers={canManageUsers}
        roleLabel={user.isOperator ? t.roles.OPERATOR : t.roles[role]}
      />
      <main id="main" className="page">
        <Outlet />
      </main>
    </>
  );
}
