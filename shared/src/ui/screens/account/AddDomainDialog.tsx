import { useState, type FormEvent } from 'react';
import { DomainCreateBody } from '../../../schemas/tenancy';
import { errorMessage } from '../../api/error-messages';
import type { Domain, DomainKind } from '../../api/types';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { validate } from '../../validate';
import { useOpenAccount } from './account-context';

/** Adds a first-party domain (then shows the CNAME to set) or a blocked website. */
export function AddDomainDialog({
  open,
  onClose,
  onAdded,
}: {
  open: boolean;
  onClose(): void;
  onAdded(d: Domain): void;
}) {
  const api = useApi();
  const { account } = useOpenAccount();
  const [hostname, setHostname] = useState('');
  const [kind, setKind] = useState<DomainKind>('first_party');
  const [error, setError] = useState<string>();
  const [added, setAdded] = useState<Domain | null>(null);
  const action = useAction();

  const close = () => {
    setHostname('');
    setError(undefined);
    setAdded(null);
    action.clear();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { hostname: hostname.trim(), kind };
    const found = validate(DomainCreateBody, body);
    setError(found.hostname ? 'Enter a hostname such as capi.shop.example (no path).' : undefined);
    if (found.hostname) return;
    const d = await action.run(() => api.addDomain(account.id, body), {
      toastError: false,
      success: `${body.hostname} added.`,
    });
    if (d) {
      onAdded(d);
      if (d.kind === 'first_party') setAdded(d);
      else close();
    }
  };

  return (
    <Dialog open={open} onClose={close} title={added ? 'Point the domain here' : 'Add a domain'}>
      {added ? (
        <div className="stack">
          <Callout tone="info" title="One DNS record to add">
            At the DNS provider of <span className="mono">{added.hostname}</span>, create a CNAME
            record pointing to <strong className="mono">{added.cname_target}</strong>. The status
            turns to Verified once it resolves.
          </Callout>
          <div className="form-actions">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {action.error && <Callout tone="bad">{errorMessage(action.error)}</Callout>}
          <fieldset className="choice-group">
            <legend>Use</legend>
            <label className="choice">
              <input
                type="radio"
                name="kind"
                checked={kind === 'first_party'}
                onChange={() => setKind('first_party')}
              />
              <span>
                First-party domain
                <small>A subdomain of the advertiser’s site served by this gateway.</small>
              </span>
            </label>
            <label className="choice">
              <input
                type="radio"
                name="kind"
                checked={kind === 'blocked'}
                onChange={() => setKind('blocked')}
              />
              <span>
                Blocked website<small>Refuse events sent from this website.</small>
              </span>
            </label>
          </fieldset>
          <TextField
            label="Hostname"
            value={hostname}
            onChange={setHostname}
            error={error}
            placeholder={kind === 'first_party' ? 'capi.shop.example' : 'copycat.example'}
            mono
            autoFocus
          />
          <div className="form-actions">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={action.busy}>
              Add domain
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
