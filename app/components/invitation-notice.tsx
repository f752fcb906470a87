import { t } from "~/i18n/sv.ts";

/** Tells the inviter what happened, with the link when one was made (kept in the outbox without SMTP). */
export function InvitationNotice({ message, link }: { message: string; link: string | null | undefined }) {
  return (
    <div className="notice success" role="status">
      <p>{message}</p>
      {link ? (
        <p>
          {t.users.inviteLink} <code>{link}</code>
        </p>
      ) : null}
    </div>
  );
}
