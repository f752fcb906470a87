import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { t } from "~/i18n/sv.ts";
import { homePathFor } from "~/models/user.server.ts";
import { openSignInLink, redeemSignInLink } from "~/workflows/sign-in-link.server.ts";
import { completeSignIn } from "~/workflows/sign-in.server.ts";

/**
 * A mailed sign-in link. Opening it uses nothing (mail scanners open links); the button signs
 * in, once.
 */
export const meta: MetaFunction = () => [{ title: `${t.signIn.linkTitle} – ${t.app.name}` }];

export async function loader({ params }: LoaderFunctionArgs) {
  const person = await openSignInLink(params.token ?? "");
  if (!person) return data({ person: null }, { status: 410 });
  return { person };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const userId = await redeemSignInLink(params.token ?? "");
  if (!userId) return data({ invalid: true }, { status: 410 });
  return completeSignIn(request, { userId, method: "link", redirectTo: await homePathFor(userId), ip: context.ip });
}

export default function SignInLink() {
  const { person } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const invalid = !person || (result && "invalid" in result);
  return (
    <main id="main" className="page narrow">
      <div className="card">
        <h1>{t.signIn.linkTitle}</h1>
        {invalid ? (
          <>
            <p className="notice error">{t.signIn.linkInvalid}</p>
            <p>
              <Link to="/logga-in">{t.signIn.linkBack}</Link>
            </p>
          </>
        ) : (
          <Form method="post" className="stacked">
            <p>{t.signIn.linkAs(person.name, person.email)}</p>
            <div>
              <button type="submit">{t.signIn.linkConfirm}</button>
            </div>
          </Form>
        )}
      </div>
    </main>
  );
}
