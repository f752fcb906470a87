import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EvaluationForm } from "~/components/evaluation-form.tsx";
import { LearnedVersionFields } from "~/components/learned-version-fields.tsx";
import { learnedField, learnedFromValues, learnedToFormValues } from "~/domain/learned-version.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import { hasLearnedVersion, parseLearnedVersionForm } from "~/forms/learned-version.ts";
import { saveLearnedVersionWithEvaluation } from "~/models/learned-version.server.ts";
import { draftToFormValues, emptyDraft, type FormValues } from "~/domain/evaluation-draft.ts";
import { parseEvaluationForm, sourceHashSchema } from "~/forms/evaluation.ts";
import { type FieldErrors, textValues } from "~/forms/parse.ts";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { FieldError } from "~/components/ui/field-error.tsx";
import { t } from "~/i18n/sv.ts";
import { getCatalog } from "~/models/catalog.server.ts";
import { retiredFrameworkKeys } from "~/models/framework-admin.server.ts";
import { findSameEvaluation, fromDraft } from "~/models/evaluation.server.ts";
import { createEvaluationClosingRound, prepareRoundClosing } from "~/workflows/new-round.server.ts";
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
  // A retired version (issue #13, item 1) stays readable for the evaluations that use it but is not offered for a new one.
  const retired = await retiredFrameworkKeys();
  const url = new URL(request.url);
  const version = catalog.find((v) => v.key === url.searchParams.get("version") && !retired.has(v.key));
  const year = Number(url.searchParams.get("year")) || new Date().getFullYear();
  return {
    submissionKey: newSubmissionKey(),
    municipality,
    catalog,
    retiredKeys: [...retired],
    hand: version ? { versionKey: version.key, values: draftToFormValues(emptyDraft(version, year)) } : null,
  };
}

type Preview = {
  stage: "preview";
  versionKey: string;
  /** A version the report teaches ("Ny ramverksversion"), shown and saved with the evaluation. */
  learned: { version: CatalogVersion; baseKey: string | null } | null;
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
    const learned = read.learned ? { version: read.version, baseKey: read.learned.key } : null;
    return data<Preview>({
      stage: "preview",
      versionKey: read.draft.frameworkVersionKey,
      learned,
      values: { ...draftToFormValues(read.draft), ...(learned ? learnedToFormValues(learned.version, learned.baseKey) : {}) },
      errors: {},
      warnings: read.warnings,
      sourceHash: read.sourceHash,
      duplicateId: same?.id ?? null,
    });
  }

  const values: FormValues = textValues(form);
  const warnings = form.getAll("warning").map(String);
  const sourceHash = values.sourceHash ?? "";
  const year = Number(values.year) || new Date().getFullYear();
  const learnedVersion = hasLearnedVersion(values) ? learnedFromValues(values, catalog, year) : null;
  const learned = learnedVersion ? { version: learnedVersion, baseKey: values[learnedField.base] || null } : null;
  const version = learnedVersion ?? catalog.find((v) => v.key === values.frameworkVersionKey) ?? catalog[catalog.length - 1]!;
  const preview = (extra: Partial<Preview>, status = 200) =>
    data<Preview>(
      { stage: "preview", versionKey: version.key, learned, values, errors: {}, warnings, sourceHash, duplicateId: null, ...extra },
      { status },
    );
  if (intent !== "save") return preview({});
  // Entered by hand (no report read): a retired version cannot be chosen.
  if (!sourceHash && (await retiredFrameworkKeys()).has(version.key)) {
    return preview({ errors: { frameworkVersionKey: t.frameworkAdmin.retiredNotOffered } }, 400);
  }

  if (learnedVersion) {
    return oncePerSubmission(request, form, user.id, async () => {
      const checked = parseLearnedVersionForm(values, catalog, year);
      const parsed = parseEvaluationForm(values, checked.ok ? checked.data.version : learnedVersion);
      const errors = { ...(checked.ok ? {} : checked.errors), ...(parsed.ok ? {} : parsed.errors) };
      if (!checked.ok || !parsed.ok) return preview({ errors }, 400);
      if (!sourceHashSchema.safeParse(sourceHash).success) return preview({ errors: { "": t.errors.fixErrors } }, 400);
      const input = fromDraft(parsed.data, sourceHash || null);
      const same = await findSameEvaluation(municipality.id, input);
      if (same) return preview({ duplicateId: same.id }, 409);
      // A report of a version learned now is a new round too: the old one closes in the same transaction.
      const closing = await prepareRoundClosing(municipality.id, input, user.id, new Date());
      const saved = await saveLearnedVersionWithEvaluation(municipality.id, checked.data, input, user.id, closing?.afterCreate);
      if (!saved.ok) {
        const refusal = saved.reason === "key-taken" ? { [learnedField.key]: t.learnedVersion.errors.keyTaken } : { "": t.learnedVersion.errors.changed };
        return preview({ errors: refusal }, 409);
      }
      throw redirect(paths.evaluation(municipality.slug, saved.evaluationId, notice("saved")));
    });
  }

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
  const { municipality, catalog, retiredKeys, hand } = useLoaderData<typeof loader>();
  const offered = catalog.filter((v) => !retiredKeys.includes(v.key));
  const result = useActionData<typeof action>();
  const base = paths.evaluations(municipality.slug);
  const preview = result?.stage === "preview" ? result : null;
  const formState = preview
    ? {
        versionKey: preview.versionKey,
        learned: preview.learned,
        values: preview.values,
        errors: preview.errors,
        warnings: preview.warnings,
        hash: preview.sourceHash,
      }
    : hand
      ? { versionKey: hand.versionKey, learned: null, values: hand.values, errors: {}, warnings: [], hash: "" }
      : null;

  if (formState) {
    const learned = formState.learned;
    const version = learned?.version ?? catalog.find((v) => v.key === formState.versionKey)!;
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
          versions={catalog.filter((v) => v.key === version.key || !retiredKeys.includes(v.key))}
          values={formState.values}
          errors={formState.errors}
          warnings={formState.warnings}
          hidden={{ sourceHash: formState.hash }}
          submitLabel={t.importer.confirm}
          cancelTo={base}
          versionEditable={!learned}
          extra={
            learned ? <LearnedVersionFields version={learned.version} baseKey={learned.baseKey} values={formState.values} errors={formState.errors} /> : null
          }
        />
      </>
    );
  }

  const error = result?.stage === "upload" ? result.error : null;
  const uploadErrors: FieldErrors = error ? { file: error } : {};
  return (
    <>
      <h1>{t.importer.title}</h1>
      <p className="lead">{t.importer.intro}</p>
      <Form method="post" encType="multipart/form-data" className="stacked card">
        {/* The summary first, the error at the file field (a pasted text is the other way in; ADR 0043). */}
        <ErrorSummary errors={uploadErrors} idFor={() => "file"} />
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
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "file-hint file-error" : "file-hint"}
          />
          <FieldError name="file" errors={uploadErrors} />
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
            {offered.map((v) => (
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
