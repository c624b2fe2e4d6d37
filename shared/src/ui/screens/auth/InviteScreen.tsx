import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/error-messages';
import { ROLE_LABELS } from '../../capabilities';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useApi, useHub } from '../../hub-context';
import { AuthLayout } from '../../layout/AuthLayout';
import { homeOf } from '../../routing/gate';
import { routePath } from '../../routing/routes';
import { relativeTime } from '../../format';
import { NewPasswordFields, checkNewPassword } from './NewPasswordFields';

/** The page an invitation link opens: who invited you where, then choose a password. */
export function InviteScreen({ token }: { token: string }) {
  const api = useApi();
  const { session, navigator } = useHub();
  const info = useLoad(() => api.lookupInvitation(token), [token]);
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const [totp, setTotp] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const action = useAction();
  // Someone who already signs in here accepts with their current password (and code).
  const existing = info.data?.existing_user ?? false;
  const needTotp =
    action.error?.code === 'TOTP_REQUIRED' || action.error?.code === 'TOTP_INVALID' || totp !== '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = existing
      ? pw.password
        ? {}
        : { password: 'Enter your current password.' }
      : checkNewPassword(pw);
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { token, password: pw.password, ...(totp.trim() ? { totp: totp.trim() } : {}) };
    const ok = await action.run(
      async () => (await session.getState().acceptInvitation(body), true),
      { toastError: false, success: 'Welcome! Your access is ready.' },
    );
    if (ok) navigator.navigate(routePath(homeOf(session.getState().me)), { replace: true });
  };

  if (info.loading && !info.data) {
    return (
      <AuthLayout title="Your invitation">
        <Loading label="Checking the invitation…" />
      </AuthLayout>
    );
  }
  if (info.error) {
    return (
      <AuthLayout
        title="This invitation cannot be used"
        foot={<Link to={{ name: 'login' }}>Go to sign in</Link>}
      >
        <Callout tone="bad">{errorMessage(info.error)}</Callout>
      </AuthLayout>
    );
  }
  const inv = info.data!;
  const where =
    inv.scope === 'host' ? 'this gateway’s host team' : (inv.account_name ?? 'an account');
  return (
    <AuthLayout
      title={`Join ${where}`}
      intro={
        <>
          You are invited as <strong>{ROLE_LABELS[inv.role]}</strong>.{' '}
          {existing
            ? 'You already sign in here: confirm with your password to accept.'
            : 'Choose a password to accept.'}{' '}
          The link expires {relativeTime(inv.expires_at)}.
        </>
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        {action.error && action.error.code !== 'TOTP_REQUIRED' && (
          <Callout tone="bad">{errorMessage(action.error)}</Callout>
        )}
        <TextField
          label="Email"
          value={inv.email}
          onChange={() => undefined}
          readOnly
          autoComplete="username"
        />
        {existing ? (
          <TextField
            label="Your password"
            type="password"
            value={pw.password}
            onChange={(password) => setPw({ ...pw, password })}
            error={errors.password}
            autoComplete="current-password"
            autoFocus
          />
        ) : (
          <NewPasswordFields value={pw} onChange={setPw} errors={errors} autoFocus />
        )}
        {needTotp && (
          <TextField
            label="Authentication code"
            value={totp}
            onChange={setTotp}
            hint="The 6 digits your authenticator app shows."
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            mono
            autoFocus
          />
        )}
        <Button type="submit" variant="primary" block busy={action.busy}>
          Accept invitation
        </Button>
      </form>
    </AuthLayout>
  );
}
