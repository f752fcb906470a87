import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ErrorSummary } from "~/components/ui/error-summary.tsx";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Field } from "~/components/ui/field.tsx";
import { ROLES } from "~/domain/access.ts";
import { inviteSchema, memberActionSchema, perActionOwners } from "~/forms/members.ts";
import { useValidatedForm } from "~/forms/use-validated-form.ts";
import { parseForm, type FieldErrors } from "~/forms/parse.ts";
import { t } from "~/i18n/sv.ts";
import { changeRole, listMembers, MembershipError, setManager, updateMember } from "~/models/user.server.ts";
import { requireMunicipality } from "~/http/access.server.ts";
import { invitationNotice, invitePerson } from "~/workflows/invitations.server.ts";
import { SubmissionKey } from "~/components/submission-key.tsx";
import { PersonalDataLinks } from "~/components/personal-data-links.tsx";
import { newSubmissionKey, oncePerSubmission } from "~/http/submission.server.ts";
import { RemoveMember, type RemovalPreview } from "~/components/remove-member.tsx";
import { isConfirmed } from "~/http/confirm.server.ts";
import { QUERY, paths } from "~/paths.ts";
import { removalPreview, removeMemberWithHandover } from "~/workflows/members.server.ts";
import { z } from "zod";
import { InvitationNotice } from "~/components/invitation-notice.tsx";
import { TableFrame } from "~/components/ui/table-frame.tsx";

export const meta: MetaFunction = () => [{ title: `${t.users.title} – ${t.app.name}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "users:manage");
  // `?ta-bort=<user id>`: the confirmation of a removal (a page of its own, so it works without JavaScript).
  const removeId = z.uuid().safeParse(new URL(request.url).searchParams.get(QUERY.remove));
  const removal = removeId.success ? await removalPreview(municipality.id, removeId.data, user.id) : null;
  return { municipality, members: await listMembers(municipality.id), currentUserId: user.id, submissionKey: newSubmissionKey(), removal };
}

type ActionResult = { ok?: string; link?: string | null; errors?: FieldErrors; intent?: string; confirmRemoval?: RemovalPreview | null };

function membershipMessage(error: MembershipError): string {
  if (error.code === "owns-open-actions") return t.users.ownsOpenActions(error.detail?.count ?? 0);
  if (error.code === "new-owner-invalid") return t.users.newOwnerInvalid;
  return membershipMessages[error.code];
}

const membershipMessages: Record<MembershipError["code"], string> = {
  "already-member": t.users.alreadyMember,
  "last-coordinator": t.users.lastCoordinator,
  self: t.users.cannotRemoveSelf,
  "not-member": t.errors.notFoundBody,
  "owns-open-actions": t.users.ownsOpenActions(0),
  "new-owner-invalid": t.users.newOwnerInvalid,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, municipality } = await requireMunicipality(request, params.slug, "users:manage");
  const form = await request.formData();
  const parsed = parseForm(memberActionSchema, form);
  const intent = String(form.get("intent") ?? "");
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, intent }, { status: 400 });
  const input = parsed.data;
  try {
    if (input.intent === "invite") {
      // A repeat shows the same message; the link itself is not kept (it was shown once and mailed).
      return await oncePerSubmission(
        request,
        form,
        user.id,
        async () => {
          const invited = await invitePerson(municipality, input, user.id);
          return data<ActionResult>({ ...invitationNotice(invited), intent });
        },
        (answer) => ({ ok: answer.data.ok ?? "", link: null, intent }),
      );
    }
    if (input.intent === "manager") {
      const ok = await setManager(municipality.id, input.userId, input.managerId);
      if (!ok) return data<ActionResult>({ errors: { "": t.errors.fixErrors }, intent }, { status: 400 });
      return data<ActionResult>({ ok: t.users.managerSaved, intent });
    }
    if (input.intent === "member") {
      const changed = await updateMember(municipality.id, input.userId, input, user.id);
      if (!changed) return data<ActionResult>({ errors: { "": t.errors.fixErrors }, intent }, { status: 400 });
      const said = [changed.roleChanged ? t.users.roleChanged : null, changed.managerChanged ? t.users.managerSaved : null].filter(Boolean);
      return data<ActionResult>({ ok: said.length ? said.join(" ") : t.users.nothingChanged, intent });
    }
    if (input.intent === "change-role") {
      await changeRole(municipality.id, input.userId, input.role, user.id);
      return data<ActionResult>({ ok: t.users.roleChanged, intent });
    }
    // A removal posted without the confirmation page's mark removes nothing and shows that page (ADR 0043).
    if (!isConfirmed(form)) return data<ActionResult>({ intent, confirmRemoval: await removalPreview(municipality.id, input.userId, user.id) });
    const handed = await removeMemberWithHandover(municipality, input.userId, user.id, {
      all: input.newOwnerId ?? null,
      perAction: perActionOwners(input),
    });
    return data<ActionResult>({ ok: handed > 0 ? t.users.removedWithHandover(handed) : t.users.removed, intent });
  } catch (error) {
    if (error instanceof MembershipError) {
      const field =
        input.intent === "invite" ? "email" : error.code === "new-owner-invalid" ? (error.detail?.field ?? "newOwnerId") : "";
      return data<ActionResult>({ errors: { [field]: membershipMessage(error) }, intent }, { status: 409 });
    }
    throw error;
  }
}

export default function Users() {
  const { members, currentUserId, removal, municipality } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const invite = useValidatedForm(inviteSchema, result?.intent === "invite" ? result.errors : undefined);
  const inviteErrors = invite.errors;
  // After a successful invitation the form is emptied for the next person (with JavaScript the
  // page is not reloaded, so the typed values would otherwise stay).
  const inviteForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.intent === "invite" && result.ok) inviteForm.current?.reset();
  }, [result]);
  const otherError = result?.intent !== "invite" ? result?.errors?.[""] ?? result?.errors?.role : undefined;
  const confirmRemoval = removal ?? result?.confirmRemoval;
  if (confirmRemoval) {
    return <RemoveMember slug={municipality.slug} municipalityName={municipality.name} preview={confirmRemoval} errors={result?.intent === "remove" ? (result.errors ?? {}) : {}} />;
  }

  return (
    <>
      <h1>{t.users.title}</h1>
      <p className="lead">{t.users.intro}</p>
      <div aria-live="polite">
        {result?.ok ? <InvitationNotice message={result.ok} link={result.link} /> : null}
        {otherError ? (
          <p className="notice error" role="alert">
            {otherError}
          </p>
        ) : null}
      </div>
      <TableFrame label={t.users.title}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.users.name}</th>
            <th scope="col">{t.users.email}</th>
            <th scope="col">{t.users.role}</th>
            <th scope="col">{t.users.manager}</th>
            <th scope="col">{t.users.actions}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>
                {m.name}
                {!m.activated ? (
                  <>
                    {" "}
                    <span className="badge">{t.users.pending}</span>
                  </>
                ) : null}
              </td>
              <td>{m.email}</td>
              <td>
                <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                  {t.users.roleLabel(m.name)}
                </label>
                <select id={`role-${m.id}`} name="role" defaultValue={m.role} form={`member-${m.id}`}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t.roles[r]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {/* One save per row: the role select above belongs to this form through its form attribute. */}
                <Form method="post" className="inline-form" id={`member-${m.id}`}>
                  <input type="hidden" name="intent" value="member" />
                  <input type="hidden" name="userId" value={m.id} />
                  <label className="visually-hidden" htmlFor={`manager-${m.id}`}>
                    {t.users.managerLabel(m.name)}
                  </label>
                  <select id={`manager-${m.id}`} name="managerId" defaultValue={m.managerId ?? ""}>
                    <option value="">{t.users.noManager}</option>
                    {members
                      .filter((other) => other.id !== m.id)
                      .map((other) => (
                        <option key={other.id} value={other.id}>
                          {other.name}
                        </option>
                      ))}
                  </select>
                  <button type="submit" className="secondary" aria-label={t.users.saveMember(m.name)}>
                    {t.users.save}
                  </button>
                </Form>
              </td>
              <td>
                <PersonalDataLinks slug={municipality.slug} userId={m.id} name={m.name} self={m.id === currentUserId} />
                {m.id !== currentUserId ? (
                  // The confirmation page says what will happen and hands over open actions.
                  <Form method="get" action={paths.users(municipality.slug)} className="inline-form">
                    <input type="hidden" name={QUERY.remove} value={m.id} />
                    <button type="submit" className="danger" aria-label={t.users.removeLabel(m.name)}>
                      {t.users.remove}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableFrame>

      <section className="card" aria-labelledby="invite-heading" style={{ marginTop: "1.5rem" }}>
        <h2 id="invite-heading">{t.users.inviteTitle}</h2>
        <Form method="post" className="stacked" noValidate onSubmit={invite.onSubmit} ref={inviteForm}>
          <ErrorSummary errors={inviteErrors} idFor={(name) => (name === "role" ? "invite-role" : `field-${name}`)} />
          <input type="hidden" name="intent" value="invite" />
          <SubmissionKey />
          <Field name="name" label={t.users.name} required autoComplete="off" error={inviteErrors.name} />
          <Field name="email" type="email" label={t.users.email} required autoComplete="off" error={inviteErrors.email} />
          <div className="field">
            <label htmlFor="invite-role">{t.users.role}</label>
            <select
              id="invite-role"
              name="role"
              defaultValue="OWNER"
              aria-invalid={inviteErrors.role ? true : undefined}
              aria-describedby={inviteErrors.role ? "invite-role-error" : undefined}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
            {inviteErrors.role ? (
              <span className="field-error" id="invite-role-error">
                {inviteErrors.role}
              </span>
            ) : null}
          </div>
          <div>
            <button type="submit">{t.users.invite}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
