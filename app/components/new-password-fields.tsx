import { Field } from "~/components/ui/field.tsx";
import { MIN_PASSWORD_LENGTH } from "~/forms/accept-invitation.ts";

export interface NewPasswordLabels {
  password: string;
  hint: string;
  confirm: string;
}

/**
 * A new password and its repetition, as every form that sets one asks for them (invitation,
 * forgotten password, operator set-up, Mitt konto): the same rules, autocomplete and errors.
 */
export function NewPasswordFields({ labels, errors }: { labels: NewPasswordLabels; errors: { password?: string; confirm?: string } }) {
  return (
    <>
      <Field
        name="password"
        type="password"
        label={labels.password}
        hint={labels.hint}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        required
        error={errors.password}
      />
      <Field name="confirm" type="password" label={labels.confirm} autoComplete="new-password" required error={errors.confirm} />
    </>
  );
}
