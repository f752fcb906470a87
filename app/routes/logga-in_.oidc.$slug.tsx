import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/http/session.server.ts";
import { beginOidcSignIn, finishOidcSignIn } from "~/workflows/oidc-sign-in.server.ts";

/**
 * Sign-in through the municipality's OpenID Connect provider. POST (the button on the sign-in
 * page) leaves for the provider; the provider sends the browser back here with GET. Without an
 * answer from the provider, GET shows the sign-in page with the municipality's button.
 */
const SLUG = /^[a-z0-9-]{1,100}$/;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  if (!SLUG.test(slug)) throw redirect("/logga-in");
  const search = new URL(request.url).searchParams;
  if (!search.has("state") && !search.has("code") && !search.has("error")) {
    throw redirect(`/logga-in?kommun=${slug}`);
  }
  return finishOidcSignIn(request, slug, context.ip ?? "unknown");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const slug = params.slug ?? "";
  if (!SLUG.test(slug)) return redirect("/logga-in");
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"), "");
  return beginOidcSignIn(slug, redirectTo.length <= 500 ? redirectTo : "");
}
