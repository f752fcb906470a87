import { Form, Link } from "@remix-run/react";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Field } from "~/components/ui/field.tsx";
import { CONFIRM_FIELD, CONFIRM_VALUE } from "~/forms/confirm.ts";
import type { FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";
import { formatDate } from "~/utils/format.ts";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export interface RemovalPreview {
  member: { id: string; name: string; email: string };
  self: boolean;
  lastCoordinator: boolean;
  openActions: Array<{ id: string; title: string; deadline: string; status: "NOT_STARTED" | "IN_PROGRESS" | "DONE" | "CANCELLED" }>;
  candidates: Array<{ id: string; name: string }>;
}

/**
 * The confirmation of a removal: says what will happen and, when the person owns open actions,
 * lets the coordinator choose who takes them over (one person for all, or per action) in the
 * same step. A page of its own, so it works without JavaScript.
 */
export function RemoveMember({ slug, municipalityName, preview, errors }: { slug: string; municipalityName: string; preview: RemovalPreview; errors: FieldErrors }) {
  const { member, openActions, candidates } = preview;
  const blocked = preview.self ? t.users.cannotRemoveSelf : preview.lastCoordinator ? t.users.lastCoordinator : null;
  const formError = errors[""];
  const options = (first: string) => (
    <>
      <option value="">{first}</option>
      {candidates.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </>
  );
  return (
    <>
      <h1>{t.users.removeTitle(member.name)}</h1>
      <p className="lead">{t.users.removeIntro(`${member.name} (${member.email})`, municipalityName)}</p>
      <p>{t.confirm.memberLoss(member.name)}</p>
      {blocked ? (
        <p className="notice error" role="alert">
          {formError ?? blocked}
        </p>
      ) : null}
      {blocked ? (
        <p>
          <Link to={paths.users(slug)}>{t.users.cancel}</Link>
        </p>
      ) : (
        <Form method="post" action={paths.removeMember(slug, member.id)} className="stacked card" noValidate>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="userId" value={member.id} />
          <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
          <ErrorSummary errors={errors} idFor={(name) => (name.startsWith("owner.") ? `owner-${name.slice(6)}` : `field-${name}`)} />
          {openActions.length === 0 ? (
            <p>{t.users.removeNoOpen(member.name)}</p>
          ) : (
            <>
              <p>{t.users.removeOpen(member.name, openActions.length)}</p>
              <TableFrame label={t.users.openActionsHeading}>
              <table>
                <caption>{t.users.openActionsHeading}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.users.actionColumn}</th>
                    <th scope="col">{t.users.deadline}</th>
                    <th scope="col">{t.users.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {openActions.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={paths.action(slug, a.id)}>{a.title}</Link>
                      </td>
                      <td>{formatDate(a.deadline)}</td>
                      <td>{t.statuses[a.status]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </TableFrame>
              {candidates.length === 0 ? <p className="notice">{t.users.noCandidates}</p> : null}
              <Field name="newOwnerId" label={t.users.newOwnerAll} error={errors.newOwnerId}>
                {(control) => <select {...control}>{options(t.users.chooseOwner)}</select>}
              </Field>
              <details open={Object.keys(errors).some((k) => k.startsWith("owner.")) || undefined}>
                <summary>{t.users.perActionSummary}</summary>
                {openActions.map((a) => (
                  <Field key={a.id} name={`owner.${a.id}`} id={`owner-${a.id}`} label={t.users.perActionLabel(a.title)} error={errors[`owner.${a.id}`]}>
                    {(control) => <select {...control}>{options(t.users.sameAsAll)}</select>}
                  </Field>
                ))}
              </details>
            </>
          )}
          <div>
            <button type="submit" className="danger">
              {t.users.confirmRemove(member.name)}
            </button>{" "}
            <Link to={paths.users(slug)}>{t.users.cancel}</Link>
          </div>
        </Form>
      )}
    </>
  );
}
