import { useState, type FormEvent } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SecretOnce } from '../../components/SecretOnce';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';
import type { PixelCardProps } from './PixelFlowCard';

/** The Meta access token (replace only, never shown) and the server access key (rotate). */
export function PixelTokenCard({
  pixel,
  canUpdate,
  canRotate,
  onChanged,
}: PixelCardProps & { canRotate: boolean }) {
  const api = useApi();
  const { account } = useOpenAccount();
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState<string>();
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);
  const save = useAction();
  const rotate = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (token.trim().length < 10) return setTokenError('Paste the whole new access token.');
    setTokenError(undefined);
    const next = await save.run(
      () => api.updatePixel(account.id, pixel.pixel_id, { access_token: token.trim() }),
      {
        success: 'Access token replaced. Held events are being sent.',
      },
    );
    if (next) {
      setToken('');
      onChanged(next);
    }
  };
  const doRotate = async () => {
    const next = await rotate.run(() => api.rotateAccessKey(account.id, pixel.pixel_id), {
      success: 'New access key created.',
    });
    setConfirmRotate(false);
    if (next?.access_key) {
      setNewKey(next.access_key);
      onChanged(next);
    }
  };

  return (
    <Card title="Access">
      <div className="stack">
        <dl className="kv">
          <dt>Meta access token</dt>
          <dd className="row">
            <span className="mono">…{pixel.token_last4}</span>
            {pixel.token_status === 'ok' ? (
              <Badge tone="ok">Working</Badge>
            ) : (
              <Badge tone="bad">Refused by Meta</Badge>
            )}
          </dd>
        </dl>
        {pixel.token_status === 'invalid' && (
          <Callout tone="bad" title="Meta refused this token">
            Events are held, not lost. Create a new token in Events Manager and enter it below to
            release them.
          </Callout>
        )}
        {canUpdate && (
          <form className="form" onSubmit={submit} noValidate>
            <TextField
              label="Replace the access token"
              type="password"
              value={token}
              onChange={setToken}
              error={tokenError}
              autoComplete="off"
              mono
              hint="The old token stops being used at once."
            />
            <div>
              <Button type="submit" busy={save.busy} disabled={!token}>
                Replace token
              </Button>
            </div>
          </form>
        )}
        {canRotate && (
          <div className="stack" style={{ borderTop: '1px solid var(--line)', paddingTop: 12 }}>
            <div>
              <div className="label">Server access key</div>
              <div className="muted" style={{ fontSize: 13 }}>
                Servers sending to /capi/{pixel.pixel_id}/events use it. Lost it? Create a new one.
              </div>
            </div>
            {newKey ? (
              <SecretOnce label="New access key" value={newKey} />
            ) : (
              <div>
                <Button onClick={() => setConfirmRotate(true)}>Create new access key</Button>
              </div>
            )}
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirmRotate}
        title="Create a new access key?"
        confirmLabel="Create new key"
        busy={rotate.busy}
        onConfirm={doRotate}
        onClose={() => setConfirmRotate(false)}
      >
        The current key stops working at once: servers using it must switch to the new one.
      </ConfirmDialog>
    </Card>
  );
}
