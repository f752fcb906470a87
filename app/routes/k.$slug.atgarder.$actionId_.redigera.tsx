import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionForm } from "~/components/action-form.tsx";
import { isoDate } from "~/domain/dates.ts";
import { effectField, parseActionForm } from "~/forms/action.ts";
import { type FieldErrors, textValues } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { ActionConflictError, ActionRuleError, getActionDetail, updateAction } from "~/models/action.server.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { notifyAssignment } from "~/workflows/action-mail.server.ts";
import { actionFormContext, resolveOwner, ruleField, ruleMessage } from "~/workflows/action-plan.server.ts";
import { notice, paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.action.edit} – ${t.app.name}` }];

async function load(request: Request, params: { slug?: string; actionId?: string }) {
  const context = await requireMunicipality(request, params.slug, "actions:manage");
  const id = z.uuid().safeParse(params.actionId);
  if (!id.success) throw notFound();
  const detail = await getActionDetail(context.municipality.id, id.data);
  if (!detail) throw notFound();
  const form = await actionFormContext(context.municipality.id, detail.action.improvementItemId);
  if (!form) throw notFound();
  return { ...context, detail, form };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, detail, form } = await load(request, params);
  const a = detail.action;
  const values: Record<string, string> = {
    title: a.title,
    description: a.description,
    ownerId: a.ownerId ?? "",
    deadline: isoDate(a.deadline),
    priority: a.priority,
    version: String(a.version),
    committeeId: a.committeeId ?? "",
    decisionReference: a.decisionReference ?? "",
  };
  for (const q of a.questions) values[effectField(q.questionId)] = String(Number(q.expectedEffect)).replace(".", ",");
  return { municipality, actionId: a.id, title: a.title, form, values };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality, detail, form } = await load(request, params);
  const values = textValues(await request.formData());
  const parsed = parseActionForm(values, form.questions);
  if (!parsed.ok) return data({ values, errors: parsed.errors }, { status: 400 });
  try {
    const ownerId = await resolveOwner(municipality, parsed.data, user.id);
    const saved = await updateAction(
      municipality.id,
      detail.action.id,
      parsed.data.version,
      { ...parsed.data, ownerId },
      parsed.data.deadlineReason || null,
      user.id,
    );
    if (!saved) throw notFound();
    if (ownerId && ownerId !== saved.previousOwnerId) await notifyAssignment(municipality, detail.action.id, ownerId);
  } catch (error) {
    if (error instanceof ActionConflictError) {
      return data({ values, errors: { "": t.action.conflict } as FieldErrors }, { status: 409 });
    }
    if (error instanceof ActionRuleError) {
      const errors: FieldErrors = { [ruleField(error)]: ruleMessage(error) };
      return data({ values, errors }, { status: 400 });
    }
    throw error;
  }
  throw redirect(paths.action(municipality.slug, detail.action.id, notice("saved")));
}

export default function EditAction() {
  const { municipality, actionId, title, form, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>
        {t.action.edit}: {title}
      </h1>
      <ActionForm
        values={result?.values ?? values}
        errors={result?.errors ?? {}}
        owners={form.owners}
        committees={form.committees}
        manageCommittees={paths.committees(municipality.slug)}
        questions={form.questions}
        editing
        submitLabel={t.action.save}
        cancelTo={paths.action(municipality.slug, actionId)}
      />
    </>
  );
}
