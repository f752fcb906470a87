import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SiteHeader } from "~/components/site-header.tsx";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { Field } from "~/components/ui/field.tsx";
import { FRAMEWORK_LIMITS, formatMax } from "~/domain/framework-version.ts";
import { createFrameworkVersionSchema, uploadFrameworkVersionSchema } from "~/forms/framework-version.ts";
import { parseForm, textValues, type FieldErrors } from "~/forms/parse.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { requireOperator } from "~/http/access.server.ts";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { readUploadForm } from "~/http/upload.server.ts";
import { t } from "~/i18n/sv.ts";
import { createFrameworkVersion, FrameworkAdminError, frameworkKeyTaken, listFrameworkVersionsForConsole } from "~/models/framework-admin.server.ts";
import { correspondencePaths, notice, paths } from "~/paths.ts";
import { uploadFrameworkVersion } from "~/workflows/framework-version-file.server.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

const m = t.frameworkAdmin;

export const meta: MetaFunction = () => [{ title: `${m.title} – ${t.operations.title} – ${t.app.name}` }];

/** The framework versions for operators: each version's size, total, use and status; a new one is created or uploaded here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireOperator(request);
  const versions = await listFrameworkVersionsForConsole();
  return {
    user: { name: user.name, isOperator: true },
    versions: versions.map((v) => ({ ...v, retiredAt: v.retiredAt?.toISOString() ?? null })),
    submissionKey: newSubmissionKey(),
  };
}

type Result = { intent: "create" | "upload"; errors: FieldErrors; values?: Record<string, string>; fileErrors?: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireOperator(request);
  const read = await readUploadForm(request, FRAMEWORK_LIMITS.uploadBytes);
  if ("tooLarge" in read) return data<Result>({ intent: "upload", errors: { file: m.errors.fileSize } }, { status: 413 });
  const form = read.form;
  if (form.get("intent") === "upload") {
    const parsed = parseForm(uploadFrameworkVersionSchema, form);
    if (!parsed.ok) return data<Result>({ intent: "upload", errors: parsed.errors }, { status: 400 });
    const bytes = new Uint8Array(await parsed.data.file.arrayBuffer());
    return oncePerSubmission(request, form, user.id, async () => {
      const uploaded = await uploadFrameworkVersion(bytes, user.id);
      if (!uploaded.ok) return data<Result>({ intent: "upload", errors: { file: m.uploadFailed }, fileErrors: uploaded.errors.slice(0, 200) }, { status: uploaded.status });
      return redirect(paths.operatorFramework(uploaded.key, notice("created")));
    });
  }
  const values = textValues(form);
  const parsed = parseForm(createFrameworkVersionSchema, form);
  if (!parsed.ok) return data<Result>({ intent: "create", errors: parsed.errors, values }, { status: 400 });
  const version = parsed.data;
  return oncePerSubmission(request, form, user.id, async () => {
    const taken = data<Result>({ intent: "create", errors: { key: m.errors.keyTaken }, values }, { status: 409 });
    if (await frameworkKeyTaken(version.key)) return taken;
    try {
      const created = await createFrameworkVersion(version, user.id);
      return redirect(paths.operatorFramework(created.key, notice("created")));
    } catch (error) {
      if (error instanceof FrameworkAdminError && error.code === "key-taken") return taken;
      throw error;
    }
  });
}

export default function FrameworkVersions() {
  const { user, versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const create = useValidatedForm(createFrameworkVersionSchema, result?.intent === "create" ? result.errors : undefined);
  const upload = useValidatedForm(uploadFrameworkVersionSchema, result?.intent === "upload" ? result.errors : undefined);
  const values = (result?.intent === "create" ? result.values : undefined) ?? {};
  const fileErrors = result?.intent === "upload" ? (result.fileErrors ?? []) : [];
  return (
    <>
      <SiteHeader user={user} roleLabel={t.roles.OPERATOR} />
      <main id="main" className="page">
        <p>
          <Link to="/drift">{t.operations.title}</Link>
        </p>
        <h1>{m.title}</h1>
        <p className="lead">{m.intro}</p>
        <p>
          <Link to={correspondencePaths.operator()}>{t.correspondence.operatorLink}</Link>
        </p>
        {versions.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <TableFrame label={m.title}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.key}</th>
                <th scope="col" className="num">{m.firstYear}</th>
                <th scope="col" className="num">{m.areas}</th>
                <th scope="col" className="num">{m.questions}</th>
                <th scope="col" className="num">{m.totalMax}</th>
                <th scope="col" className="num">{m.evaluations}</th>
                <th scope="col">{m.status}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.key}>
                  <th scope="row">
                    <Link to={paths.operatorFramework(v.key)}>{v.name}</Link>
                  </th>
                  <td>
                    <code>{v.key}</code>
                  </td>
                  <td className="num">{v.firstYear}</td>
                  <td className="num">{v.areas}</td>
                  <td className="num">
                    {v.questions}
                    {v.questionsMissing ? (
                      <>
                        {" "}
                        <span className="badge">{m.questionsMissing}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="num">{formatMax(v.totalMax)}</td>
                  <td className="num">{v.evaluations}</td>
                  <td>{v.retiredAt ? <span className="badge">{m.retired}</span> : m.inUse}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableFrame>
        )}

        <section className="card" aria-labelledby="upload-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="upload-heading">{m.uploadTitle}</h2>
          <p>{m.uploadIntro}</p>
          <Form method="post" encType="multipart/form-data" className="stacked" noValidate onSubmit={upload.onSubmit}>
            <ErrorSummary errors={upload.errors} />
            <input type="hidden" name="intent" value="upload" />
            <SubmissionKey />
            <Field name="file" label={m.file} hint={m.fileHint} error={upload.errors.file}>
              {(control) => (
                <input
                  {...control}
                  type="file"
                  accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-describedby={[control["aria-describedby"], fileErrors.length > 0 ? "upload-errors" : null].filter(Boolean).join(" ")}
                />
              )}
            </Field>
            {fileErrors.length > 0 ? (
              <ul id="upload-errors" className="field-error">
                {fileErrors.map((error, i) => (
                  <li key={i}>{error}</li>
                ))}
              </ul>
            ) : null}
            <div>
              <button type="submit">{m.upload}</button>
            </div>
          </Form>
          <h3>{m.formatTitle}</h3>
          <p>{m.formatXlsx}</p>
          <p>{m.formatJson}</p>
        </section>

        <section className="card" aria-labelledby="create-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="create-heading">{m.createTitle}</h2>
          <p>{m.createIntro}</p>
          <Form method="post" className="stacked" noValidate onSubmit={create.onSubmit}>
            <ErrorSummary errors={create.errors} />
            <input type="hidden" name="intent" value="create" />
            <SubmissionKey />
            <Field name="name" label={m.name} hint={m.nameHint} required maxLength={FRAMEWORK_LIMITS.nameLength} autoComplete="off" defaultValue={values.name} error={create.errors.name} />
            <Field name="key" label={m.key} hint={m.keyHint} required maxLength={FRAMEWORK_LIMITS.keyLength} autoComplete="off" defaultValue={values.key} error={create.errors.key} />
            <Field name="firstYear" label={m.firstYear} hint={m.firstYearHint} required inputMode="numeric" maxLength={4} autoComplete="off" defaultValue={values.firstYear} error={create.errors.firstYear} />
            <Field name="areas" label={m.areasLabel} hint={m.areasHint} error={create.errors.areas}>
              {(control) => <textarea {...control} rows={8} required defaultValue={values.areas} />}
            </Field>
            <div>
              <button type="submit">{m.create}</button>
            </div>
          </Form>
        </section>
      </main>
    </>
  );
}
