import type { Light } from "~/domain/status-overview.ts";
import { t } from "~/i18n/sv.ts";

/**
 * An area's traffic light: a shape (circle, triangle, square) as well as a colour, and always
 * the light's name in words, so that it reads without colour (WCAG 1.4.1).
 */
export function TrafficLight({ light }: { light: Light }) {
  return (
    <span className={`light light-${light}`}>
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {light === "green" ? <circle cx="8" cy="8" r="7" /> : null}
        {light === "yellow" ? <polygon points="8,1 15,15 1,15" /> : null}
        {light === "red" ? <rect x="1.5" y="1.5" width="13" height="13" /> : null}
      </svg>{" "}
      <strong>{t.statusPage.lights[light]}</strong>
    </span>
  );
}
