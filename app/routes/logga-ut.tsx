import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/http/session.server.ts";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return endSession(request, "/logga-in?utloggad=1");
}
