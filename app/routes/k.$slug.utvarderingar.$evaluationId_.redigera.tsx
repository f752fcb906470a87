import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EvaluationForm } from "~/components/evaluation-form.tsx";
import { draftFromSaved, draftToFormValues, type FormValues } from "~/domain/evaluation-draft.ts";
import { parseEvaluationForm } from "~/forms/evaluation.ts";
import { type FieldErrors, textValues } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { getCatalog } from "~/models/catalog.server.ts";
import { getEvaluation, ItemHasActionsError, updateEvaluation } from "~/models/evaluation.server.ts";
import { notFound, requireMunicipality } from "~/http/access.server.ts";
import { notice, paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.evaluationForm.edit} – ${t.app.name}` }];

async function load(request: Request, params: { slug?: string; evaluationId?: string }) {
  const context = await requireMunicipality(request, params.slug, "evaluation:manage");
  const id = z.uuid().safeParse(params.evaluationId);
  if (!id.success) throw notFound();
  const evaluation = await getEvaluation(context.municipality.id, id.data);
  if (!evaluation) throw notFound();
  const version = (await getCatalog()).find((v) => v.key === evaluation.frameworkVersion.key)!;
  return { ...context, evaluation, version };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality, evaluation, version } = await load(request, params);
  const num = (v: string | null) => (v === null ? null : Number(v));
  const draft = draftFromSaved({
    ...evaluation,
    reportDate: evaluation.reportDate ? evaluation.reportDate.toISOString().slice(0, 10) : null,
    statedTotal: num(evaluation.statedTotal),
    frameworkVersionKey: version.key,
    areas: evaluation.areas.map((a) => ({
      number: a.number,
      statedPoints: num(a.statedPoints === null ? null : String(a.statedPoints)),
      goodExamples: a.goodExamples,
      strengths: a.strengths,
      improvements: a.improvements.map((i) => i.text),
      questions: a.questions.map((q) => ({
        code: q.code,
        points: q.points === null ? null : Number(q.points),
        printedPercent: q.printedPercent ?? null,
      })),
    })),
  });
  return { municipality, evaluation: { id: evaluation.id, year: evaluation.year }, version, values: draftToFormValues(draft) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality, evaluation, version } = await load(request, params);
  const values: FormValues = textValues(await request.formData());
  const parsed = parseEvaluationForm({ ...values, frameworkVersionKey: version.key }, version);
  if (!parsed.ok) return data({ values, errors: parsed.errors as FieldErrors }, { status: 400 });
  try {
    await updateEvaluation(municipality.id, evaluation.id, parsed.data, user.id);
  } catch (error) {
    if (error instanceof ItemHasActionsError) {
      return data({ values, errors: { "": t.evaluationForm.itemHasActions(error.text) } as FieldErrors }, { status: 409 });
    }
    throw error;
  }
  throw redirect(paths.evaluation(municipality.slug, evaluation.id, notice("saved")));
}

export default function EditEvaluation() {
  const { municipality, evaluation, version, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t.evaluationForm.editTitle(evaluation.year)}</h1>
      <EvaluationForm
        version={version}
        versions={[version]}
        values={result?.values ?? values}
        errors={result?.errors ?? {}}
        warnings={[]}
        hidden={{}}
        submitLabel={t.evaluationForm.saveChanges}
        cancelTo={paths.evaluation(municipality.slug, evaluation.id)}
        versionEditable={false}
      />
    </>
  );
}
