import { Link, useLocation, useNavigationType, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ALL_PAGES, PLAN_PAGE_SIZE, type PlanPageInfo } from "~/domain/actions/plan-pages.ts";
import { t } from "~/i18n/sv.ts";
import { changedQuery, PLAN_QUERY } from "~/paths.ts";

/** Where the plan's page links lead: to the list itself, not the filters above it. */
export const PLAN_LIST_ID = "planens-atgarder";

/** The page numbers linked: the first, the last and two on each side of the current one (a long plan has no endless row of links). */
function pageNumbers(page: PlanPageInfo): Array<number | null> {
  const wanted = [...new Set([1, page.number - 2, page.number - 1, page.number, page.number + 1, page.number + 2, page.count])]
    .filter((n) => n >= 1 && n <= page.count)
    .sort((a, b) => a - b);
  // null marks a gap ("…") between numbers that do not follow each other.
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1]! > 1 ? [null, n] : [n]));
}

/**
 * The plan's page links (ADR 0049): which actions are shown, the pages around, and every action
 * on one page. Each link keeps the filters. `place` tells the list's top (with the id the links
 * lead to) from its end.
 */
export function PlanPager({ page, total, place, printView }: { page: PlanPageInfo | null; total: number; place: "top" | "bottom"; printView: boolean }) {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigationType = useNavigationType();
  const top = useRef<HTMLElement>(null);
  // After a page link is followed in the browser (not on the first load), focus moves to the
  // list's top, which says which actions are shown: a link that was used may be gone, and a
  // screen reader hears where it is (WCAG 2.4.3).
  useEffect(() => {
    if (place === "top" && navigationType !== "POP" && location.hash === `#${PLAN_LIST_ID}`) top.current?.focus();
  }, [location.key, location.hash, navigationType, place]);
  const to = (value: string) => {
    const query = changedQuery(params, { [PLAN_QUERY.page]: value === "1" ? null : value });
    return `${query ? `?${query}` : "."}#${PLAN_LIST_ID}`;
  };
  // The print view prints the whole plan: nothing to page.
  if (printView) return null;
  const id = place === "top" ? PLAN_LIST_ID : undefined;
  if (page === null) {
    if (total <= PLAN_PAGE_SIZE) return null;
    return (
      <p className="pager no-print" id={id} tabIndex={id ? -1 : undefined} ref={top as React.RefObject<HTMLParagraphElement>}>
        {t.plan.pages.showingAll(total)} <Link to={to("1")}>{t.plan.pages.showPaged(PLAN_PAGE_SIZE)}</Link>
      </p>
    );
  }
  if (page.count === 1) return null;
  return (
    <nav className="pager" aria-label={place === "top" ? t.plan.pages.label : t.plan.pages.labelBottom} id={id} tabIndex={id ? -1 : undefined} ref={top}>
      {/* Printed too (the list on paper is one page of the plan), with where the whole plan prints from. */}
      <p>
        {t.plan.pages.showing(page.first, page.last, page.total)} {t.plan.pages.page(page.number, page.count)}.{" "}
        <span className="print-only">{t.plan.pages.printWhole}</span>
      </p>
      <ul className="no-print">
        {page.number > 1 ? (
          <li>
            <Link to={to(String(page.number - 1))} rel="prev">
              {t.plan.pages.previous}
            </Link>
          </li>
        ) : null}
        {pageNumbers(page).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page.number ? (
                <span aria-current="page">
                  <span className="visually-hidden">{t.plan.pages.pageWord} </span>
                  {n}
                </span>
              ) : (
                <Link to={to(String(n))}>
                  <span className="visually-hidden">{t.plan.pages.pageWord} </span>
                  {n}
                </Link>
              )}
            </li>
          ),
        )}
        {page.number < page.count ? (
          <li>
            <Link to={to(String(page.number + 1))} rel="next">
              {t.plan.pages.next}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to={to(ALL_PAGES)}>{t.plan.pages.showAll(page.total)}</Link>
        </li>
      </ul>
    </nav>
  );
}
