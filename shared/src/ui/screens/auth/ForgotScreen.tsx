import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Link } from '../../components/Link';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { AuthLayout } from '../../layout/AuthLayout';

/** Asks for a reset link. The answer is the same whether the email exists or not. */
export function ForgotScreen() {
  const api = useApi();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) return setError('Enter the email you sign in with.');
    setError(undefined);
    const ok = await action.run(
      async () => (await api.requestReset({ email: email.trim() }), true),
    );
    if (ok) setSent(true);
  };

  return (
    <AuthLayout
      title="Reset your password"
      intro="We will email you a link to choose a new password."
      foot={<Link to={{ name: 'login' }}>Back to sign in</Link>}
    >
      {sent ? (
        <Callout tone="ok" title="Check your inbox">
          If {email.trim()} has an account here, a reset link is on its way; it works for 24 hours.
          No email? The gateway may have no mail server set up: ask an admin of your account for a
          reset link instead.
        </Callout>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={setEmail}
            error={error}
            autoComplete="email"
            autoFocus
          />
          <Button type="submit" variant="primary" block busy={action.busy}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
