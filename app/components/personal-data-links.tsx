import { Link } from "@remix-run/react";
import { t } from "~/i18n/sv.ts";
import { paths } from "~/paths.ts";

/** A member's register extract and erasure, for the user list (the erasure page says whether it may be done). */
export function PersonalDataLinks({ slug, userId, name, self }: { slug: string; userId: string; name: string; self: boolean }) {
  return (
    <ul className="plain personal-data-links">
      <li>
        <a href={paths.personalDataExport(slug, userId)} aria-label={t.personalData.exportLabel(name)} download>
          {t.personalData.exportLink}
        </a>
      </li>
      {self ? null : (
        <li>
          <Link to={paths.erasePerson(slug, userId)} aria-label={t.personalData.eraseLabel(name)}>
            {t.personalData.eraseLink}
          </Link>
        </li>
      )}
    </ul>
  );
}
