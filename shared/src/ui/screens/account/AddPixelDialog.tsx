import { useState, type FormEvent } from 'react';
import { PixelCreateBody } from '../../../schemas/admin';
import { errorMessage, fieldErrors } from '../../api/error-messages';
import type { PixelDto } from '../../api/types';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { SecretOnce } from '../../components/SecretOnce';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useGo } from '../../routing/use-route';
import { validate } from '../../validate';
import { useOpenAccount } from './account-context';

/** Connect a pixel: its id and a CAPI access token; answers with the access key, once. */
export function AddPixelDialog({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose(): void;
  onAdded(p: PixelDto): void;
}) {
  const api = useApi();
  const go = useGo();
  const { account } = useOpenAccount();
  const [form, setForm] = useState({ pixel_id: '', access_token: '', name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<PixelDto | null>(null);
  const action = useAction();
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });

  const close = () => {
    setForm({ pixel_id: '', access_token: '', name: '' });
    setErrors({});
    setCreated(null);
    action.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      pixel_id: form.pixel_id.trim(),
      access_token: form.access_token.trim(),
      ...(form.name.trim() ? { name: form.name.trim() } : {}),
    };
    const found = validate(PixelCreateBody, body);
    if (found.pixel_id)
      found.pixel_id = 'The pixel id is the number in Events Manager, digits only.';
    if (found.access_token)
      found.access_token = 'Paste the whole access token (it is long, usually starting with EAA).';
    setErrors(found);
    if (Object.keys(found).length) return;
    const pixel = await action.run(() => api.createPixel(account.id, body), {
      toastError: false,
      success: 'Pixel connected.',
    });
    if (pixel) {
      onAdded(pixel);
      setCreated(pixel);
    }
  };
  const server = fieldErrors(action.error);

  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? 'Pixel connected' : 'Add a pixel'}
      description={
        created ? undefined : 'Find both values in Meta Events Manager → your dataset → Settings.'
      }
    >
      {created ? (
        <div className="stack">
          <SecretOnce label="Access key" value={created.access_key ?? ''}>
            Servers that send events to <code>/capi/{created.pixel_id}/events</code> authenticate
            with this key. The gateway keeps only a hash.
          </SecretOnce>
          <div className="form-actions">
            <Button onClick={close}>Done</Button>
            <Button
              variant="primary"
              onClick={() => (
                close(),
                go({ name: 'pixel', accountId: account.id, pixelId: created.pixel_id })
              )}
            >
              Open pixel
            </Button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {action.error && <Callout tone="bad">{errorMessage(action.error)}</Callout>}
          <TextField
            label="Pixel id"
            value={form.pixel_id}
            onChange={set('pixel_id')}
            error={errors.pixel_id ?? server.pixel_id}
            inputMode="numeric"
            mono
            autoFocus
          />
          <TextField
            label="Conversions API access token"
            type="password"
            value={form.access_token}
            onChange={set('access_token')}
            error={errors.access_token ?? server.access_token}
            hint="Stored encrypted; after this only its last 4 characters are shown."
            autoComplete="off"
            mono
          />
          <TextField
            label="Name (optional)"
            value={form.name}
            onChange={set('name')}
            error={errors.name}
            hint="How this pixel appears in the hub, e.g. “Main store”."
          />
          <div className="form-actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={action.busy}>
              Connect pixel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
