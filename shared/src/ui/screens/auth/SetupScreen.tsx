import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { Email, Password } from '../../../schemas/admin';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useHub } from '../../hub-context';
import { AuthLayout } from '../../layout/AuthLayout';
import { validate } from '../../validate';

const SetupForm = z
  .object({
    setup_token: z.string().trim().min(1, 'Paste the setup token'),
    email: Email,
    password: Password,
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, {
    path: ['confirm'],
    message: 'The two passwords differ',
  });

/** First run: whoever holds the setup token becomes the first host admin. */
export function SetupScreen() {
  const { session } = useHub();
  const [form, setForm] = useState({ setup_token: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate(SetupForm, form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const { confirm: _c, ...body } = form;
    await action.run(
      () => session.getState().claim({ ...body, setup_token: body.setup_token.trim() }),
      {
        toastError: false,
        success: 'This gateway is yours. Welcome!',
      },
    );
  };
  const serverFields = fieldErrors(action.error);

  return (
    <AuthLayout
      title="Claim this gateway"
      intro="This gateway has no owner yet. Enter the setup token from its log and choose how you will sign in; you become its first host admin."
    >
      <form
        className="form"
        onSubmit={submit}
        noValidate
        aria-describedby={action.error ? 'setup-error' : undefined}
      >
        {action.error && (
          <div id="setup-error">
            <Callout tone="bad">{errorMessage(action.error)}</Callout>
          </div>
        )}
        <TextField
          label="Setup token"
          value={form.setup_token}
          onChange={set('setup_token')}
          error={errors.setup_token ?? serverFields.setup_token}
          hint="Printed once in the gateway's log at first start (or set as SETUP_TOKEN)."
          autoComplete="off"
          mono
          autoFocus
        />
        <TextField
          label="Your email"
          type="email"
          value={form.email}
          onChange={set('email')}
          error={errors.email ?? serverFields.email}
          autoComplete="email"
        />
        <TextField
          label="Password"
          type="password"
          value={form.password}
          onChange={set('password')}
          error={errors.password ?? serverFields.password}
          hint="At least 10 characters."
          autoComplete="new-password"
        />
        <TextField
          label="Repeat the password"
          type="password"
          value={form.confirm}
          onChange={set('confirm')}
          error={errors.confirm}
          autoComplete="new-password"
        />
        <Button type="submit" variant="primary" block busy={action.busy}>
          Claim gateway
        </Button>
      </form>
    </AuthLayout>
  );
}
