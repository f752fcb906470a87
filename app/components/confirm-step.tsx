import { Form, Link } from "@remix-run/react";
import { useId, useRef, type FormEvent, type ReactNode } from "react";
import { CONFIRM_FIELD, CONFIRM_VALUE, type ConfirmPrompt, type ConfirmText } from "~/forms/confirm.ts";
import { t } from "~/i18n/sv.ts";

/**
 * The confirmation as a page of its own (ADR 0043): what the server answers a destructive post
 * that came without the confirmation, e.g. without JavaScript. It says what will be lost and posts
 * the same fields again with the confirmation; "Avbryt" goes back and changes nothing.
 */
export function ConfirmPage({ prompt, cancelHref, action }: { prompt: ConfirmPrompt; cancelHref: string; action?: string }) {
  return (
    <section className="card confirm-page" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{prompt.title}</h1>
      {prompt.loss.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
      <Form method="post" action={action} className="confirm-actions">
        {Object.entries(prompt.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
        <button type="submit" className="danger">
          {prompt.confirmLabel}
        </button>
        <Link to={cancelHref}>{t.confirm.cancel}</Link>
      </Form>
    </section>
  );
}

interface ConfirmFormProps {
  text: ConfirmText;
  /** Whether this submit needs the confirmation (e.g. only when the chosen status is "Avbruten"); always when left out. */
  when?: (form: HTMLFormElement) => boolean;
  action?: string;
  className?: string;
  encType?: "multipart/form-data";
  "aria-label"?: string;
  children: ReactNode;
}

/**
 * A destructive form (ADR 0043). Without JavaScript it posts without the confirmation and the
 * server answers with `ConfirmPage`. With JavaScript a native `<dialog>` intercepts the submit,
 * says what will be lost and, on "Ja, …", submits the same form with the confirmation; Escape or
 * "Avbryt" closes it and nothing is sent.
 */
export function ConfirmForm({ text, when, action, className, encType, children, ...rest }: ConfirmFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (confirmRef.current?.value === CONFIRM_VALUE) return;
    if (when && !when(event.currentTarget)) return;
    const dialog = dialogRef.current;
    if (!dialog || typeof dialog.showModal !== "function") return;
    event.preventDefault();
    dialog.showModal();
    cancelRef.current?.focus();
  };
  const confirm = () => {
    const form = formRef.current;
    const input = confirmRef.current;
    if (!form || !input) return;
    dialogRef.current?.close();
    input.value = CONFIRM_VALUE;
    form.requestSubmit();
    // The submit above read the form synchronously; a later submit must be confirmed again.
    input.value = "";
  };
  return (
    <>
      <Form method="post" action={action} className={className} encType={encType} onSubmit={onSubmit} ref={formRef} {...rest}>
        <input type="hidden" name={CONFIRM_FIELD} defaultValue="" ref={confirmRef} />
        {children}
      </Form>
      <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={headingId}>
        <h2 id={headingId}>{text.title}</h2>
        {text.loss.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
        <div className="confirm-actions">
          <button type="button" className="danger" onClick={confirm}>
            {text.confirmLabel}
          </button>
          <button type="button" className="secondary" ref={cancelRef} onClick={() => dialogRef.current?.close()}>
            {t.confirm.cancel}
          </button>
        </div>
      </dialog>
    </>
  );
}
