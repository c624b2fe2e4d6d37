import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/error-messages';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Link } from '../../components/Link';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useHub } from '../../hub-context';
import { AuthLayout } from '../../layout/AuthLayout';

/** Email and password; a second step asks for the TOTP code when the gateway wants one. */
export function LoginScreen() {
  const { session } = useHub();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!email.trim()) m.email = 'Enter your email.';
    if (!password) m.password = 'Enter your password.';
    if (needTotp && !/^\d{6}$/.test(totp.trim())) m.totp = 'Enter the 6 digits your app shows.';
    setMissing(m);
    if (Object.keys(m).length) return;
    const body = { email: email.trim(), password, ...(needTotp ? { totp: totp.trim() } : {}) };
    await action.run(() => session.getState().signIn(body), { toastError: false });
  };

  // The gateway answers TOTP_REQUIRED to a right password of an account with a second factor.
  const code = action.error?.code;
  if ((code === 'TOTP_REQUIRED' || code === 'TOTP_INVALID') && !needTotp) setNeedTotp(true);
  const showError = action.error && code !== 'TOTP_REQUIRED';

  return (
    <AuthLayout
      title={needTotp ? 'Two-step verification' : 'Sign in'}
      intro={
        needTotp
          ? 'Enter the 6-digit code from your authenticator app.'
          : 'Sign in to manage your pixels and accounts.'
      }
      foot={<Link to={{ name: 'forgot' }}>Forgot your password?</Link>}
    >
      <form className="form" onSubmit={submit} noValidate>
        {showError && <Callout tone="bad">{errorMessage(action.error)}</Callout>}
        {!needTotp && (
          <>
            <TextField
              label="Email"
              type="email"
              value={email}
              onChange={setEmail}
              error={missing.email}
              autoComplete="username"
              autoFocus
            />
            <TextField
              label="Password"
              type="password"
              value={password}
              onChange={setPassword}
              error={missing.password}
              autoComplete="current-password"
            />
          </>
        )}
        {needTotp && (
          <TextField
            label="Authentication code"
            value={totp}
            onChange={setTotp}
            error={missing.totp}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            mono
            autoFocus
          />
        )}
        <Button type="submit" variant="primary" block busy={action.busy}>
          {needTotp ? 'Verify and sign in' : 'Sign in'}
        </Button>
        {needTotp && (
          <Button
            variant="ghost"
            block
            onClick={() => (setNeedTotp(false), setTotp(''), action.clear())}
          >
            Use another account
          </Button>
        )}
      </form>
    </AuthLayout>
  );
}
