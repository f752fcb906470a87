import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { homePathFor } from "~/models/user.server.ts";
import { getSessionUser } from "~/http/session.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  throw redirect(user ? await homePathFor(user.id) : "/logga-in");
}
