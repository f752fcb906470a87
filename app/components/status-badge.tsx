import type { ActionStatus } from "~/domain/actions/status.ts";
import { t } from "~/i18n/sv.ts";

export function StatusBadge({ status, daysLate }: { status: ActionStatus; daysLate: number }) {
  return (
    <>
      <span className={`badge status-${status.toLowerCase()}`}>{t.statuses[status]}</span>
      {daysLate > 0 ? (
        <>
          {" "}
          <span className="badge late">{t.plan.late(daysLate)}</span>
        </>
      ) : null}
    </>
  );
}
