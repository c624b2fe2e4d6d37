import { useState, type FormEvent } from 'react';
import type { TotpSetup } from '../api/types';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { CopyField } from '../components/CopyField';
import { TextField } from '../components/TextField';
import { useAction } from '../hooks/use-action';
import { useApi, useHub, useSession } from '../hub-context';

/** Optional second factor (TOTP): set up with a secret, confirm with a code; off with a code. */
export function TotpCard() {
  const api = useApi();
  const { session } = useHub();
  const enabled = useSession((s) => s.me?.user.totp_enabled ?? false);
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const act = useAction();

  const start = async () => {
    const s = await act.run(() => api.totpSetup());
    if (s) setSetup(s);
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setError('Enter the 6 digits your app shows.');
    setError(undefined);
    const ok = await act.run(
      async () => (
        await (enabled ? api.totpDisable(code.trim()) : api.totpEnable(code.trim())),
        true
      ),
      {
        success: enabled ? 'Two-step verification is off.' : 'Two-step verification is on.',
      },
    );
    if (ok) {
      setSetup(null);
      setCode('');
      await session.getState().refresh();
    }
  };
  const codeForm = (label: string) => (
    <form className="form" onSubmit={confirm} noValidate>
      <TextField
        label="Code from the app"
        value={code}
        onChange={setCode}
        error={error}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        mono
      />
      <div>
        <Button type="submit" variant={enabled ? 'danger' : 'primary'} busy={act.busy}>
          {label}
        </Button>
      </div>
    </form>
  );

  return (
    <Card
      title="Two-step verification"
      description="Ask for a code from an authenticator app at every sign-in."
      actions={enabled ? <Badge tone="ok">On</Badge> : <Badge>Off</Badge>}
    >
      {enabled ? (
        codeForm('Turn off')
      ) : setup ? (
        <div className="stack">
          <p>
            Add this account to your authenticator app with the setup key (or open the link on your
            phone), then enter the code it shows.
          </p>
          <CopyField label="Setup key" value={setup.secret} />
          <a href={setup.otpauth_url}>Open in authenticator app</a>
          {codeForm('Turn on')}
        </div>
      ) : (
        <Button onClick={() => void start()} busy={act.busy}>
          Set up
        </Button>
      )}
    </Card>
  );
}
