import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionForm } from "~/components/action-form.tsx";
import { stockholmDate } from "~/domain/dates.ts";
import { parseActionForm } from "~/forms/action.ts";
import { type FieldErrors, textValues } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { ActionRuleError, createAction } from "~/models/action.server.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { actionFormContext, resolveOwner, ruleField, ruleMessage } from "~/workflows/action-plan.server.ts";
import { notifyAssignment } from "~/workflows/action-mail.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { notice, paths, QUERY } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.plan.newAction} – ${t.app.name}` }];

async function load(request: Request, slug: string | undefined) {
  const context = await requireMunicipality(request, slug, "actions:manage");
  const query = new URL(request.url).searchParams;
  const itemId = z.uuid().safeParse(query.get(QUERY.item));
  if (!itemId.success) throw notFound();
  const form = await actionFormContext(context.municipality.id, itemId.data, query.get(QUERY.question));
  if (!form) throw notFound();
  return { ...context, form };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, form } = await load(request, params.slug);
  const inMonths = new Date();
  inMonths.setMonth(inMonths.getMonth() + 6);
  return { municipality, form, values: { title: form.item.text.slice(0, 200), deadline: stockholmDate(inMonths), priority: "MEDIUM", version: "0" }, submissionKey: newSubmissionKey() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality, form } = await load(request, params.slug);
  const posted = await request.formData();
  const values = textValues(posted);
  return oncePerSubmission(request, posted, user.id, async () => {
    const parsed = parseActionForm(values, form.questions);
    if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 });
    try {
      const ownerId = await resolveOwner(municipality, parsed.data, user.id);
      const created = await createAction(municipality.id, form.item.id, { ...parsed.data, ownerId }, user.id);
      await notifyAssignment(municipality, created.id, ownerId);
      throw redirect(paths.action(municipality.slug, created.id, notice("created")));
    } catch (error) {
      if (error instanceof ActionRuleError) {
        return data({ values, errors: { [ruleField(error)]: ruleMessage(error) } as FieldErrors }, { status: 400 });
      }
      throw error;
    }
  });
}

export default function NewAction() {
  const { municipality, form, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t.plan.newAction}</h1>
      <section className="card" aria-labelledby="item-heading">
        <h2 id="item-heading">{t.action.item}</h2>
        <p>
          <strong>
            {form.item.area}. {form.item.areaName}:
          </strong>{" "}
          {form.item.text}
        </p>
        {form.goodExamples.length ? (
          <p>
            {t.plan.goodExamples}: {form.goodExamples.join(", ")}
          </p>
        ) : null}
      </section>
      <ActionForm
        values={result?.values ?? values}
        errors={result?.errors ?? {}}
        owners={form.owners}
        committees={form.committees}
        manageCommittees={paths.committees(municipality.slug)}
        questions={form.questions}
        editing={false}
        submitLabel={t.action.save}
        cancelTo={paths.plan(municipality.slug)}
      />
    </>
  );
}
