import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EvaluationForm } from "~/components/evaluation-form.tsx";
import { draftToFormValues, emptyDraft, type FormValues } from "~/domain/evaluation-draft.ts";
import { parseEvaluationForm, sourceHashSchema } from "~/forms/evaluation.ts";
import { type FieldErrors, textValues } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { getCatalog } from "~/models/catalog.server.ts";
import { findSameEvaluation, fromDraft } from "~/models/evaluation.server.ts";
import { createEvaluationClosingRound } from "~/workflows/new-round.server.ts";
import { requireMunicipality, requireMunicipalityForUpload } from "~/http/access.server.ts";
import { MAX_REPORT_BYTES } from "~/platform/report-file.server.ts";
import { readReportFile, readReportText } from "~/workflows/report-import.server.ts";
import { readUploadForm } from "~/http/upload.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { notice, paths } from "~/paths.ts";

export const meta: MetaFunction = () => [{ title: `${t.evaluationForm.newTitle} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug, "evaluation:manage");
  const catalog = await getCatalog();
  const url = new URL(request.url);
  const version = catalog.find((v) => v.key === url.searchParams.get("version"));
  const year = Number(url.searchParams.get("year")) || new Date().getFullYear();
  return {
    submissionKey: newSubmissionKey(),
    municipality,
    catalog,
    hand: version ? { versionKey: version.key, values: draftToFormValues(emptyDraft(version, year)) } : null,
  };
}

type Preview = {
  stage: "preview";
  versionKey: string;
  values: FormValues;
  errors: FieldErrors;
  warnings: string[];
  sourceHash: string;
  duplicateId: string | null;
};
type Upload = { stage: "upload"; error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipalityForUpload(request, params.slug, "evaluation:manage");
  const catalog = await getCatalog();
  const read = await readUploadForm(request, MAX_REPORT_BYTES);
  if ("tooLarge" in read) return data<Upload>({ stage: "upload", error: t.importer.failures["too-large"] }, { status: 413 });
  const form = read.form;
  const intent = form.get("intent");

  if (intent === "read") {
    const file = form.get("file");
    const pasted = String(form.get("text") ?? "");
    const hasFile = file instanceof Blob && file.size > 0;
    if (!hasFile && pasted.trim() === "") return data<Upload>({ stage: "upload", error: t.importer.noInput }, { status: 400 });
    const read = hasFile
      ? await readReportFile(new Uint8Array(await file.arrayBuffer()), catalog, "name" in file ? String(file.name) : null)
      : readReportText(pasted, catalog, null);
    if (!read.ok) return data<Upload>({ stage: "upload", error: read.message }, { status: 422 });
    const same = await findSameEvaluation(municipality.id, fromDraft(read.draft, read.sourceHash));
    return data<Preview>({
      stage: "preview",
      versionKey: read.draft.frameworkVersionKey,
      values: draftToFormValues(read.draft),
      errors: {},
      warnings: read.warnings,
      sourceHash: read.sourceHash,
      duplicateId: same?.id ?? null,
    });
  }

  const values: FormValues = textValues(form);
  const warnings = form.getAll("warning").map(String);
  const sourceHash = values.sourceHash ?? "";
  const version = catalog.find((v) => v.key === values.frameworkVersionKey) ?? catalog[catalog.length - 1]!;
  const preview = (extra: Partial<Preview>, status = 200) =>
    data<Preview>(
      { stage: "preview", versionKey: version.key, values, errors: {}, warnings, sourceHash, duplicateId: null, ...extra },
      { status },
    );
  if (intent !== "save") return preview({});

  return oncePerSubmission(request, form, user.id, async () => {
    const parsed = parseEvaluationForm(values, version);
    if (!parsed.ok) return preview({ errors: parsed.errors }, 400);
    if (!sourceHashSchema.safeParse(sourceHash).success) return preview({ errors: { "": t.errors.fixErrors } }, 400);
    const input = fromDraft(parsed.data, sourceHash || null);
    const same = await findSameEvaluation(municipality.id, input);
    if (same) return preview({ duplicateId: same.id }, 409);
    const { evaluation: created } = await createEvaluationClosingRound(municipality.id, input, user.id, new Date());
    throw redirect(paths.evaluation(municipality.slug, created.id, notice("saved")));
  });
}

export default function NewEvaluation() {
  const { municipality, catalog, hand } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = paths.evaluations(municipality.slug);
  const preview = result?.stage === "preview" ? result : null;
  const formState = preview
    ? { versionKey: preview.versionKey, values: preview.values, errors: preview.errors, warnings: preview.warnings, hash: preview.sourceHash }
    : hand
      ? { versionKey: hand.versionKey, values: hand.values, errors: {}, warnings: [], hash: "" }
      : null;

  if (formState) {
    const version = catalog.find((v) => v.key === formState.versionKey)!;
    return (
      <>
        <h1>{preview?.sourceHash ? t.importer.previewTitle : t.evaluationForm.handTitle}</h1>
        <p className="lead">{t.importer.previewIntro}</p>
        {preview?.duplicateId ? (
          <p className="notice error" role="alert">
            {t.importer.duplicate} <Link to={paths.evaluation(municipality.slug, preview.duplicateId)}>{t.importer.openExisting}</Link>
          </p>
        ) : null}
        <EvaluationForm
          version={version}
          versions={catalog}
          values={formState.values}
          errors={formState.errors}
          warnings={formState.warnings}
          hidden={{ sourceHash: formState.hash }}
          submitLabel={t.importer.confirm}
          cancelTo={base}
          versionEditable
        />
      </>
    );
  }

  const error = result?.stage === "upload" ? result.error : null;
  return (
    <>
      <h1>{t.importer.title}</h1>
      <p className="lead">{t.importer.intro}</p>
      {error ? (
        <p className="notice error" role="alert" id="upload-error">
          {error}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stacked card">
        <div className="field">
          <label htmlFor="file">{t.importer.file}</label>
          <span className="hint" id="file-hint">
            {t.importer.fileHint}
          </span>
          <input
            id="file"
            name="file"
            type="file"
            accept=".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"
            aria-describedby={error ? "file-hint upload-error" : "file-hint"}
          />
        </div>
        <div className="field">
          <label htmlFor="text">{t.importer.pasted}</label>
          <textarea id="text" name="text" rows={6} />
        </div>
        <div>
          <button type="submit" name="intent" value="read">
            {t.importer.read}
          </button>
        </div>
      </Form>
      <section className="card" aria-labelledby="hand-heading">
        <h2 id="hand-heading">{t.evaluationForm.handTitle}</h2>
        <p>{t.importer.manual}</p>
        <Form method="get" className="inline-form">
          <label htmlFor="version">{t.evaluationForm.chooseVersion}</label>
          <select id="version" name="version">
            {catalog.map((v) => (
              <option key={v.key} value={v.key}>
                {v.name}
              </option>
            ))}
          </select>
          <label htmlFor="hand-year">{t.evaluation.year}</label>
          <input id="hand-year" name="year" inputMode="numeric" size={6} defaultValue={new Date().getFullYear()} />
          <button type="submit" className="secondary">
            {t.evaluationForm.start}
          </button>
        </Form>
      </section>
    </>
  );
}
