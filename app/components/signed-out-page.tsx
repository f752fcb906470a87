import type { ReactNode } from "react";
import { t } from "~/i18n/sv.ts";

/** The frame of every page a person sees before they are signed in: the product's name and one card. */
export function SignedOutPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="page narrow">
      <p className="brand-line">
        <strong>{t.app.name}</strong> · {t.app.tagline}
      </p>
      <div className="card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** A refusal that belongs to the whole form rather than one field; nothing when there is none. */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="notice error" role="alert">
      {message}
    </p>
  ) : null;
}
