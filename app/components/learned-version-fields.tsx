import { learnedField } from "~/domain/learned-version.ts";
import type { FormValues } from "~/domain/evaluation-draft.ts";
import type { CatalogVersion } from "~/domain/report-reader/types.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { FieldError } from "~/components/ui/field-error.tsx";
import { t } from "~/i18n/sv.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

/**
 * "Ny ramverksversion" in the import preview: the sub-questions the report teaches (and for an
 * unknown version its key, name and areas), editable before they are saved with the evaluation.
 */
export function LearnedVersionFields(props: { version: CatalogVersion; baseKey: string | null; values: FormValues; errors: FieldErrors }) {
  const { version, baseKey, values, errors } = props;
  const m = t.learnedVersion;
  const input = (name: string) => ({
    id: name,
    name,
    defaultValue: values[name] ?? "",
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  const sv = (n: number) => String(n).replace(".", ",");
  return (
    <section className="card" aria-labelledby="learned-version-heading">
      <h2 id="learned-version-heading">{m.title}</h2>
      <p>{baseKey ? m.intro(version.name) : m.introUnknown}</p>
      <input type="hidden" name={learnedField.base} value={baseKey ?? ""} />
      <input type="hidden" name={learnedField.codes} value={values[learnedField.codes] ?? ""} />
      {baseKey ? null : (
        <>
          <div className="field">
            <label htmlFor={learnedField.key}>{m.key}</label>
            <span className="hint">{m.keyHint}</span>
            <input {...input(learnedField.key)} required />
            <FieldError name={learnedField.key} errors={errors} />
          </div>
          <div className="field">
            <label htmlFor={learnedField.name}>{m.name}</label>
            <input {...input(learnedField.name)} required />
            <FieldError name={learnedField.name} errors={errors} />
          </div>
        </>
      )}
      {version.areas.map((area) => (
        <fieldset key={area.number} aria-describedby={errors[learnedField.areaSum(area.number)] ? `${learnedField.areaSum(area.number)}-error` : undefined}>
          <legend>{m.areaSummary(area.number, area.name, sv(area.maxPoints))}</legend>
          <FieldError name={learnedField.areaSum(area.number)} errors={errors} />
          {baseKey ? null : (
            <>
              <div className="field">
                <label htmlFor={learnedField.areaName(area.number)}>{m.areaName(area.number)}</label>
                <input {...input(learnedField.areaName(area.number))} />
                <FieldError name={learnedField.areaName(area.number)} errors={errors} />
              </div>
              <div className="field">
                <label htmlFor={learnedField.areaMax(area.number)}>{m.areaMax(area.number)}</label>
                <input {...input(learnedField.areaMax(area.number))} inputMode="numeric" size={5} />
                <FieldError name={learnedField.areaMax(area.number)} errors={errors} />
              </div>
            </>
          )}
          {area.questions.length === 0 ? (
            <p>{m.noQuestions}</p>
          ) : (
            <TableFrame label={m.areaName(area.number)}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.code}</th>
                  <th scope="col">{m.text}</th>
                  <th scope="col" className="num">
                    {m.max}
                  </th>
                </tr>
              </thead>
              <tbody>
                {area.questions.map((q) => (
                  <tr key={q.code}>
                    <td>{q.code}</td>
                    <td>
                      <label htmlFor={learnedField.text(q.code)} className="visually-hidden">
                        {m.textLabel(q.code)}
                      </label>
                      <input {...input(learnedField.text(q.code))} required />
                      <FieldError name={learnedField.text(q.code)} errors={errors} />
                    </td>
                    <td className="num">
                      <label htmlFor={learnedField.max(q.code)} className="visually-hidden">
                        {m.maxLabel(q.code)}
                      </label>
                      <input {...input(learnedField.max(q.code))} inputMode="decimal" size={5} required />
                      <FieldError name={learnedField.max(q.code)} errors={errors} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            </TableFrame>
          )}
        </fieldset>
      ))}
    </section>
  );
}
