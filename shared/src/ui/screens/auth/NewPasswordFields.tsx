import { Password } from '../../../schemas/admin';
import { TextField } from '../../components/TextField';

export interface NewPassword {
  password: string;
  confirm: string;
}

/** Problems with a new password, by field; empty when it may be sent. */
export function checkNewPassword(p: NewPassword): Record<string, string> {
  const out: Record<string, string> = {};
  const r = Password.safeParse(p.password);
  if (!r.success) out.password = 'Use at least 10 characters.';
  else if (p.password !== p.confirm) out.confirm = 'The two passwords differ.';
  return out;
}

/** Password and its repetition, with the rule stated up front. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  autoFocus,
}: {
  value: NewPassword;
  onChange(v: NewPassword): void;
  errors: Record<string, string>;
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        label="New password"
        type="password"
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        error={errors.password}
        hint="At least 10 characters. A few unrelated words make a strong one."
        autoComplete="new-password"
        autoFocus={autoFocus}
      />
      <TextField
        label="Repeat the password"
        type="password"
        value={value.confirm}
        onChange={(confirm) => onChange({ ...value, confirm })}
        error={errors.confirm}
        autoComplete="new-password"
      />
    </>
  );
}
