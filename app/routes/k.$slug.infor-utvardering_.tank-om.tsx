import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { FieldError } from "~/components/ui/field-error.tsx";
import { TableFrame } from "~/components/ui/table-frame.tsx";
import type { FieldErrors } from "~/forms/parse.ts";
import { WHAT_IF_QUERY, whatIfEffectField } from "~/forms/what-if.ts";
import { effectCap } from "~/domain/actions/effects.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import { formatPoints } from "~/utils/format.ts";
import { whatIfPage } from "~/workflows/readiness-page.server.ts";

export const meta: MetaFunction = () => [{ title: `${t.readiness.whatIfTitle} – ${t.app.name}` }];

/** The what-if sandbox: a GET form, so every role of the municipality may try it; nothing is saved. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { municipality } = await requireMunicipality(request, params.slug);
  return { municipality, page: await whatIfPage(municipality.id, new URL(request.url).searchParams, new Date()) };
}

/** The result sentence and the run button, by id: focus moves between them (WCAG 2.4.3). */
const RESULT_ID = "tank-om-resultat";
const RUN_ID = "what-if-run";

export default function WhatIf() {
  const { municipality, page } = useLoaderData<typeof loader>();
  const location = useLocation();
  // The form is rebuilt after each trial (keyed by the address, below); the element that had
  // focus when it was sent gets it back, so a keyboard user stays where they were (WCAG 2.4.3).
  const focused = useRef<string | null>(null);
  useEffect(() => {
    const id = focused.current;
    focused.current = null;
    // A field of another area is gone: the result is where the reader is taken instead.
    if (id) (document.getElementById(id) ?? document.getElementById(RESULT_ID))?.focus();
  }, [location.key]);
  const back = (
    <p>
      <Link to={paths.readiness(municipality.slug)}>{t.readiness.back}</Link>
    </p>
  );
  if (!page) {
    return (
      <>
        <h1>{t.readiness.whatIfTitle}</h1>
        <p className="notice">{t.readiness.noEvaluation}</p>
        {back}
      </>
    );
  }
  const { planned, sandbox } = page;
  const questionByCode = new Map(page.questions.map((q) => [q.code, q]));
  const off = new Set(sandbox?.off ?? []);
  // Field ids by row number rather than action id: 300 rows repeated each id four times (ADR 0046).
  const rowOf = new Map(page.actions.map((a, row) => [a.id, row + 1]));
  const effectId = (actionId: string, code: string) => `effekt-${rowOf.get(actionId)}-${code}`;
  // An effect that is not 0–100 points is shown back at its field with the error (nothing typed is
  // lost); only the fields on this page are read, so each error has its field to link to.
  const unreadable = Object.keys(sandbox?.unreadable ?? {}).map((key) => key.split(":") as [string, string]);
  const errors: FieldErrors = Object.fromEntries(unreadable.map(([actionId, code]) => [whatIfEffectField(actionId, code), t.readiness.whatIfEffectError]));
  const errorFieldIds = new Map(unreadable.map(([actionId, code]) => [whatIfEffectField(actionId, code), effectId(actionId, code)]));
  return (
    <>
      <h1>{t.readiness.whatIfTitle}</h1>
      <p className="lead">{t.readiness.whatIfIntro}</p>
      {back}
      {sandbox ? (
        <p className="notice" role="status" id={RESULT_ID} tabIndex={-1}>
          {t.readiness.whatIfResult(formatPoints(sandbox.total.likely), formatPoints(sandbox.total.potential), formatPoints(planned.likely), formatPoints(planned.potential))}
        </p>
      ) : null}
      {page.actions.length === 0 ? (
        <p className="notice">{t.readiness.whatIfNone}</p>
      ) : (
        // Keyed by the address: after a client-side navigation (another area, Återställ) every field shows what the server answered, not what was typed before.
        <Form
          method="get"
          className="stacked"
          key={location.search}
          onSubmit={(event) => {
            // "Räkna om" takes the reader to the result, far above the button on a long area; a field or the area choice keeps focus.
            const active = document.activeElement?.id || (event.nativeEvent as SubmitEvent).submitter?.id || null;
            focused.current = active === RUN_ID ? RESULT_ID : active;
          }}
        >
          {/* The field's id is effekt-<row>-<code>; its name effekt.<action id>.<code>. */}
          <ErrorSummary errors={errors} idFor={(name) => errorFieldIds.get(name) ?? name} />
          <input type="hidden" name={WHAT_IF_QUERY.run} value="1" />
          {/* One area's rows at a time; the trial's choices in the other areas travel as hidden fields (ADR 0049). */}
          {page.area === null ? null : <input type="hidden" name={WHAT_IF_QUERY.shown} value={page.area} />}
          {page.carried.offAreas.map((number) => (
            <input key={`area-${number}`} type="hidden" name={WHAT_IF_QUERY.offArea} value={number} />
          ))}
          {page.carried.off.map((id) => (
            <input key={id} type="hidden" name={WHAT_IF_QUERY.off} value={id} />
          ))}
          {page.carried.effects.map((e) => (
            <input key={`${e.actionId}:${e.code}`} type="hidden" name={whatIfEffectField(e.actionId, e.code)} value={String(e.effect).replace(".", ",")} />
          ))}
          <div className="field">
            <label htmlFor="what-if-area">{t.readiness.whatIfArea}</label>
            <p className="hint" id="what-if-area-hint">
              {t.readiness.whatIfAreaHint}
            </p>
            {page.stayedForError ? <p className="field-error">{t.readiness.whatIfAreaStayed}</p> : null}
            <div className="area-choice">
              <select id="what-if-area" name={WHAT_IF_QUERY.area} defaultValue={page.area ?? undefined} aria-describedby="what-if-area-hint">
                {page.areas.map((area) => (
                  <option key={area.number} value={area.number}>
                    {t.readiness.whatIfAreaOption(area.number, area.name, area.count)}
                  </option>
                ))}
              </select>
              <button type="submit" className="secondary" id="what-if-area-show">
                {t.readiness.whatIfAreaShow}
              </button>
            </div>
          </div>
          {page.carried.offCount + page.carried.effects.length > 0 ? (
            <p className="muted">{t.readiness.whatIfCarried(page.carried.offCount, page.carried.effects.length)}</p>
          ) : null}
          <TableFrame label={t.readiness.whatIfTitle}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.readiness.include}</th>
                  <th scope="col">{t.action.title}</th>
                  <th scope="col">{t.plan.effects}</th>
                </tr>
              </thead>
              <tbody>
                {page.actions.map((a, row) => (
                  <tr key={a.id}>
                    <td>
                      <input type="checkbox" name={WHAT_IF_QUERY.on} value={a.id} id={`med-${row + 1}`} defaultChecked={!off.has(a.id)} />
                    </td>
                    <td>
                      <label htmlFor={`med-${row + 1}`}>{a.title}</label>
                    </td>
                    <td>
                      {a.effects.map((e) => {
                        const question = questionByCode.get(e.code);
                        const effect = sandbox?.effects[`${a.id}:${e.code}`] ?? e.expectedEffect;
                        const typed = sandbox?.unreadable[`${a.id}:${e.code}`];
                        const name = whatIfEffectField(a.id, e.code);
                        // The projection counts an effect at most at what the sub-question still has open.
                        const open = question ? effectCap(question.maxPoints, question.current) : null;
                        const cap = open !== null && effect > open ? open : null;
                        const id = effectId(a.id, e.code);
                        return (
                          <span key={e.code} className="inline-form">
                            <label htmlFor={id}>
                              {e.code} {question?.text ?? ""}
                            </label>
                            <input
                              id={id}
                              name={name}
                              inputMode="decimal"
                              size={4}
                              defaultValue={typed ?? String(effect).replace(".", ",")}
                              aria-invalid={typed === undefined ? undefined : true}
                              aria-describedby={[cap === null ? null : `${id}-cap`, typed === undefined ? null : `${name}-error`].filter(Boolean).join(" ") || undefined}
                            />
                            <FieldError name={name} errors={errors} />
                            {cap === null || !question ? null : (
                              <span className="hint" id={`${id}-cap`}>
                                {t.readiness.whatIfCapped(formatPoints(cap), formatPoints(question.maxPoints), formatPoints(question.current))}
                              </span>
                            )}
                          </span>
                        );
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableFrame>
          <div className="inline-form">
            <button type="submit" id={RUN_ID}>{t.readiness.whatIfRun}</button>
            <Link to={paths.whatIf(municipality.slug)}>{t.readiness.whatIfReset}</Link>
          </div>
        </Form>
      )}
    </>
  );
}
