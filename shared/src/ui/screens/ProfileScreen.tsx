import { useState, type FormEvent } from 'react';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { PageHeader } from '../components/PageHeader';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/use-action';
import { useApi, useHub, useSession } from '../hub-context';
import { NewPasswordFields, checkNewPassword } from './auth/NewPasswordFields';
import { TotpCard } from './TotpCard';

/** The signed-in person's own security: password, second factor, sessions. */
export function ProfileScreen() {
  const api = useApi();
  const { session } = useHub();
  const me = useSession((s) => s.me);
  const [current, setCurrent] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = useAction();
  const everywhere = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkNewPassword(pw);
    if (!current) found.current = 'Enter your current password.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const ok = await change.run(
      async () => (
        await api.changePassword({ current_password: current, new_password: pw.password }),
        true
      ),
      {
        success: 'Password changed. Your other sessions have ended.',
      },
    );
    if (!ok) return;
    setCurrent('');
    setPw({ password: '', confirm: '' });
  };

  return (
    <>
      <PageHeader
        title="Profile & security"
        description={`Signed in as ${me?.user.email ?? ''}.`}
      />
      <div className="grid-2">
        <Card title="Password">
          <form className="form" onSubmit={submit} noValidate>
            <TextField
              label="Current password"
              type="password"
              value={current}
              onChange={setCurrent}
              error={errors.current}
              autoComplete="current-password"
            />
            <NewPasswordFields value={pw} onChange={setPw} errors={errors} />
            <div>
              <Button type="submit" variant="primary" busy={change.busy}>
                Change password
              </Button>
            </div>
          </form>
        </Card>
        <div className="stack">
          <TotpCard />
          <Card
            title="Sessions"
            description="Signed in on a device you no longer use? End every session, this one included."
          >
            <Button
              variant="danger"
              busy={everywhere.busy}
              onClick={() => void everywhere.run(() => session.getState().signOut(true))}
            >
              Sign out everywhere
            </Button>
          </Card>
        </div>
      </div>
    </>
  );
}
