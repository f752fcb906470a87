import type { ReactNode } from "react";
import { t } from "~/i18n/sv.ts";

interface TableFrameProps {
  /** What the table holds, as a person would name it (usually its heading or caption). */
  label: string;
  children: ReactNode;
}

/**
 * The frame of every wide table (ADR 0044): where the table is wider than the screen it
 * scrolls sideways inside this frame, not the page, and its first column stays in view
 * (sticky, in app.css). The frame is a labelled, focusable region so a keyboard user can
 * scroll it with the arrow keys (WCAG 1.4.10 reflow, 2.1.1 keyboard).
 */
export function TableFrame({ label, children }: TableFrameProps) {
  return (
    <div className="table-frame" role="region" tabIndex={0} aria-label={t.phone.tableFrame(label)}>
      {children}
    </div>
  );
}
