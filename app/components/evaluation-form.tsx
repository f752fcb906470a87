import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { field, type FormValues } from "~/domain/evaluation-draft.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { FieldError } from "~/components/ui/field-error.tsx";
import { t } from "~/i18n/sv.ts";
import { SubmissionKey } from "./submission-key.tsx";
import { TableFrame } from "~/components/ui/table-frame.tsx";

interface EvaluationFormProps {
  version: CatalogVersion;
  versions: CatalogVersion[];
  values: FormValues;
  errors: FieldErrors;
  warnings: string[];
  hidden: Record<string, string>;
  submitLabel: string;
  cancelTo: string;
  /** Whether the framework version may still be changed (not when editing a saved evaluation). */
  versionEditable: boolean;
  /** Shown after the evaluation's details (the import preview's "Ny ramverksversion"). */
  extra?: ReactNode;
}

const described = (name: string, errors: FieldErrors) => (errors[name] ? `${name}-error` : undefined);


/** The evaluation form shared by the import preview, hand entry and editing. */
export function EvaluationForm(props: EvaluationFormProps) {
  const { version, versions, values, errors, warnings, hidden, submitLabel, cancelTo, versionEditable, extra } = props;
  const input = (name: string) => ({
    id: name,
    name,
    defaultValue: values[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": described(name, errors),
  });
  return (
    <Form method="post" className="stacked evaluation-form">
      <SubmissionKey />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* The reader's warnings travel with the form so they survive a round of corrections. */}
      {warnings.map((w, i) => (
        <input key={i} type="hidden" name="warning" value={w} />
      ))}
      <ErrorSummary errors={errors} idFor={(name) => name} />
      {warnings.length > 0 ? (
        <section className="notice" aria-labelledby="warnings-heading">
          <h2 id="warnings-heading">{t.importer.warningsTitle}</h2>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <fieldset className="card">
        <legend>{t.evaluationForm.about}</legend>
        <div className="field">
          <label htmlFor="frameworkVersionKey">{t.evaluation.framework}</label>
          {versionEditable ? (
            <span className="inline-form">
              <select {...input("frameworkVersionKey")} defaultValue={version.key}>
                {versions.map((v) => (
                  <option key={v.key} value={v.key}>
                    {v.name}
                  </option>
                ))}
              </select>
              <button type="submit" name="intent" value="refresh" className="secondary">
                {t.evaluationForm.changeVersion}
              </button>
            </span>
          ) : (
            <>
              <input type="hidden" name="frameworkVersionKey" value={version.key} />
              <span id="frameworkVersionKey">{version.name}</span>
            </>
          )}
        </div>
        <div className="field">
          <label htmlFor="year">{t.evaluation.year}</label>
          <input {...input("year")} inputMode="numeric" required />
          <FieldError name="year" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="period">{t.evaluation.period}</label>
          <input {...input("period")} />
          <FieldError name="period" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="reportDate">{t.evaluation.reportDate}</label>
          <input {...input("reportDate")} type="date" />
          <FieldError name="reportDate" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="evaluators">{t.evaluation.evaluators}</label>
          <span className="hint">{t.evaluationForm.onePerLine}</span>
          <textarea {...input("evaluators")} rows={3} />
          <FieldError name="evaluators" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="statedTotal">{t.evaluationForm.statedTotal}</label>
          <span className="hint">{t.evaluationForm.statedHint}</span>
          <input {...input("statedTotal")} inputMode="decimal" />
          <FieldError name="statedTotal" errors={errors} />
        </div>
        <input type="hidden" name="sourceName" value={values.sourceName ?? ""} />
        <FieldError name="sourceName" errors={errors} />
      </fieldset>
      {extra}

      {version.areas.map((area) => (
        <fieldset key={area.number} className="card">
          <legend>{t.evaluation.areaHeading(area.number, area.name)}</legend>
          <TableFrame label={t.evaluation.areaHeading(area.number, area.name)}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.evaluation.code}</th>
                <th scope="col">{t.evaluation.question}</th>
                <th scope="col" className="num">{t.evaluation.points}</th>
                <th scope="col" className="num">{t.evaluation.max}</th>
              </tr>
            </thead>
            <tbody>
              {area.questions.map((q) => {
                const name = field.points(q.code);
                return (
                  <tr key={q.code}>
                    <td>{q.code}</td>
                    <td>
                      <label htmlFor={name}>{q.text}</label>
                      <FieldError name={name} errors={errors} />
                      <FieldError name={field.printedPercent(q.code)} errors={errors} />
                    </td>
                    <td className="num">
                      <input
                        {...input(name)}
                        aria-describedby={[described(name, errors), described(field.printedPercent(q.code), errors)].filter(Boolean).join(" ") || undefined}
                        className="points-input"
                        inputMode="decimal"
                        size={5}
                        required
                      />
                      {values[field.printedPercent(q.code)] ? (
                        <input type="hidden" name={field.printedPercent(q.code)} value={values[field.printedPercent(q.code)]} />
                      ) : null}
                    </td>
                    <td className="num">{String(q.maxPoints).replace(".", ",")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </TableFrame>
          <div className="field">
            <label htmlFor={field.statedPoints(area.number)}>{t.evaluationForm.statedArea(area.number)}</label>
            <span className="hint">{t.evaluationForm.statedHint}</span>
            <input {...input(field.statedPoints(area.number))} inputMode="decimal" />
            <FieldError name={field.statedPoints(area.number)} errors={errors} />
          </div>
          <div className="lists">
            <div className="field">
              <label htmlFor={field.strengths(area.number)}>{t.evaluation.strengths}</label>
              <span className="hint">{t.evaluationForm.onePerLine}</span>
              <textarea {...input(field.strengths(area.number))} rows={6} />
              <FieldError name={field.strengths(area.number)} errors={errors} />
            </div>
            <div className="field">
              <label htmlFor={field.improvements(area.number)}>{t.evaluation.improvements}</label>
              <span className="hint">{t.evaluationForm.onePerLine}</span>
              <textarea {...input(field.improvements(area.number))} rows={6} />
              <FieldError name={field.improvements(area.number)} errors={errors} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={field.goodExamples(area.number)}>{t.evaluation.goodExamples}</label>
            <span className="hint">{t.evaluationForm.commaSeparated}</span>
            <input {...input(field.goodExamples(area.number))} />
            <FieldError name={field.goodExamples(area.number)} errors={errors} />
          </div>
        </fieldset>
      ))}

      <div className="inline-form">
        <button type="submit" name="intent" value="save">
          {submitLabel}
        </button>
        <Link to={cancelTo}>{t.importer.cancel}</Link>
      </div>
    </Form>
  );
}
