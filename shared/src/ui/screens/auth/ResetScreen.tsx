import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/error-messages';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Link } from '../../components/Link';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { AuthLayout } from '../../layout/AuthLayout';
import { NewPasswordFields, checkNewPassword } from './NewPasswordFields';

/** The page a reset link opens: choose a new password; other sessions end. */
export function ResetScreen({ token }: { token: string }) {
  const api = useApi();
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkNewPassword(pw);
    setErrors(found);
    if (Object.keys(found).length) return;
    const ok = await action.run(
      async () => (await api.resetPassword({ token, password: pw.password }), true),
      {
        toastError: false,
      },
    );
    if (ok) setDone(true);
  };

  return (
    <AuthLayout
      title="Choose a new password"
      foot={<Link to={{ name: 'login' }}>Back to sign in</Link>}
    >
      {done ? (
        <>
          <Callout tone="ok" title="Password changed">
            Sign in with your new password. Sessions on other devices have ended.
          </Callout>
          <Link to={{ name: 'login' }} className="btn btn-primary btn-block">
            Sign in
          </Link>
        </>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {action.error && <Callout tone="bad">{errorMessage(action.error)}</Callout>}
          <NewPasswordFields value={pw} onChange={setPw} errors={errors} autoFocus />
          <Button type="submit" variant="primary" block busy={action.busy}>
            Set password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
