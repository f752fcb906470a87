import { Form, Link } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Field } from "~/components/ui/field.tsx";
import { SLOTS, slotFields } from "~/forms/correspondence.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { formatPoints } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

interface Counterpart {
  id: string;
  code: string;
  text: string;
  percent: number;
  own: boolean;
}

export interface CorrespondenceView {
  versions: Array<{ key: string; name: string; questionCount: number }>;
  from: string | null;
  to: string | null;
  errors: FieldErrors;
  list: {
    fromName: string;
    toName: string;
    fromHasQuestions: boolean;
    toHasQuestions: boolean;
    targetQuestions: Array<{ id: string; code: string; text: string }>;
    editingId: string | null;
    questions: Array<{ id: string; code: string; text: string; maxPoints: number; counterparts: Counterpart[] }>;
  } | null;
}

interface Props {
  view: CorrespondenceView;
  title: string;
  intro: string;
  canEdit: boolean;
  /** Whether the rows shown are a municipality's (own and shared) rather than the shared ones. */
  municipal: boolean;
  saved: boolean;
  /** The page's address with the versions and the question to edit. */
  href: (q: { from?: string; to?: string; question?: string }) => string;
  failed: { errors: FieldErrors; values: Record<string, string>; question: string | null } | null;
}

const percentText = (n: number) => formatPoints(n);

/** Two versions chosen, each old sub-question with its counterparts, and the form for one old question. */
export function CorrespondenceEditor({ view, title, intro, canEdit, municipal, saved, href, failed }: Props) {
  const { list } = view;
  const editingId = failed?.question ?? list?.editingId ?? null;
  const editing = list?.questions.find((q) => q.id === editingId) ?? null;
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{intro}</p>
      {!canEdit ? <p className="notice">{t.correspondence.readOnly}</p> : null}
      {saved ? (
        <p className="notice success" role="status">
          {t.correspondence.saved}
        </p>
      ) : null}
      <section className="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t.correspondence.chooseTitle}</h2>
        <Form method="get" className="form-grid" noValidate>
          <ErrorSummary errors={view.errors} />
          {(["fran", "till"] as const).map((name) => (
            <Field key={name} name={name} label={name === "fran" ? t.correspondence.from : t.correspondence.to} error={view.errors[name]}>
              {(control) => (
                <select {...control} defaultValue={(name === "fran" ? view.from : view.to) ?? ""}>
                  {view.versions.map((v) => (
                    <option key={v.key} value={v.key}>
                      {v.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          <div>
            <button type="submit">{t.correspondence.show}</button>
          </div>
        </Form>
      </section>
      {list === null ? (
        view.from === null || view.to === null ? <p className="notice">{t.correspondence.needVersions}</p> : null
      ) : (
        <>
          {editing && canEdit ? (
            <section className="card" id="edit" aria-labelledby="edit-heading">
              <h2 id="edit-heading">{t.correspondence.editTitle(editing.code, editing.text)}</h2>
              <p>{t.correspondence.editHint}</p>
              {municipal ? <p className="muted">{t.correspondence.editHintOwn}</p> : null}
              <Form method="post" className="stacked" noValidate>
                <ErrorSummary errors={failed?.errors ?? {}} />
                <input type="hidden" name="fran" value={view.from ?? ""} />
                <input type="hidden" name="till" value={view.to ?? ""} />
                <input type="hidden" name="fromQuestionId" value={editing.id} />
                {SLOTS.map((slot) => {
                  const names = slotFields(slot);
                  const existing = editing.counterparts[slot];
                  const toValue = failed ? (failed.values[names.to] ?? "") : (existing?.id ?? "");
                  const shareValue = failed ? (failed.values[names.share] ?? "") : existing ? percentText(existing.percent) : "";
                  return (
                    <div key={slot} className="form-grid">
                      <Field name={names.to} label={t.correspondence.counterpart(slot + 1)} error={failed?.errors[names.to]}>
                        {(control) => (
                          <select {...control} defaultValue={toValue}>
                            <option value="">{t.correspondence.noCounterpart}</option>
                            {list.targetQuestions.map((q) => (
                              <option key={q.id} value={q.id}>
                                {q.code} {q.text}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <Field
                        name={names.share}
                        label={t.correspondence.share(slot + 1)}
                        inputMode="decimal"
                        size={6}
                        maxLength={10}
                        defaultValue={shareValue}
                        error={failed?.errors[names.share]}
                      />
                    </div>
                  );
                })}
                <div className="inline-form">
                  <button type="submit">{t.correspondence.save}</button>
                  <Link to={href({ from: view.from ?? undefined, to: view.to ?? undefined })}>{t.correspondence.cancel}</Link>
                </div>
              </Form>
            </section>
          ) : null}
          <section className="card" aria-labelledby="list-heading">
            <h2 id="list-heading">{t.correspondence.listTitle(list.fromName, list.toName)}</h2>
            {!list.fromHasQuestions || !list.toHasQuestions ? (
              <p className="notice">{t.correspondence.noQuestions(!list.fromHasQuestions ? list.fromName : list.toName)}</p>
            ) : (
              <TableFrame label={t.correspondence.listTitle(list.fromName, list.toName)}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.correspondence.oldQuestion}</th>
                    <th scope="col">{t.correspondence.counterparts}</th>
                    {canEdit ? (
                      <th scope="col">
                        <span className="visually-hidden">{t.correspondence.editColumn}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {list.questions.map((q) => (
                    <tr key={q.id}>
                      <th scope="row">
                        {q.code} {q.text} {t.start.outOf(q.maxPoints)}
                      </th>
                      <td>
                        {q.counterparts.length === 0 ? (
                          <span className="muted">{t.correspondence.none}</span>
                        ) : (
                          <ul>
                            {q.counterparts.map((c) => (
                              <li key={c.id}>
                                {t.correspondence.shareOf(c.code, c.text, percentText(c.percent))}
                                {municipal ? <span className="badge">{c.own ? t.correspondence.own : t.correspondence.shared}</span> : null}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      {canEdit ? (
                        <td>
                          <Link to={`${href({ from: view.from ?? undefined, to: view.to ?? undefined, question: q.id })}#edit`}>
                            {t.correspondence.edit(q.code)}
                          </Link>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
              </TableFrame>
            )}
          </section>
        </>
      )}
    </>
  );
}
