import { useEffect, useState, type FormEvent } from 'react';
import { SmtpSettingsBody } from '../../../schemas/tenancy';
import type { HostSettings } from '../../api/types';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { Card } from '../../components/Card';
import { LoadError } from '../../components/LoadError';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useLoad } from '../../hooks/use-load';
import { useApi, useHub } from '../../hub-context';
import { validate } from '../../validate';

/** The host's name and its mail server (for invitation and reset emails). */
export function HostSettingsScreen() {
  const api = useApi();
  const { session } = useHub();
  const settings = useLoad(() => api.hostSettings(), []);
  const [name, setName] = useState('');
  const [smtp, setSmtp] = useState({ url: '', from: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useAction();
  useEffect(() => {
    if (settings.data) setName(settings.data.name);
  }, [settings.data]);

  const saved = (s: HostSettings) => settings.setData(() => s);
  const saveName = async (e: FormEvent) => {
    e.preventDefault();
    const s = await save.run(() => api.updateHostSettings({ name: name.trim() }), {
      success: 'Name saved.',
    });
    if (s) {
      saved(s);
      session.setState({ hostName: s.name });
    }
  };
  const saveSmtp = async (e: FormEvent) => {
    e.preventDefault();
    const body = { url: smtp.url.trim(), from: smtp.from.trim() };
    const found = validate(SmtpSettingsBody, body);
    if (found.url)
      found.url = 'Use smtp://user:password@host:587 or smtps://user:password@host:465.';
    if (found.from) found.from = 'Enter the sender, e.g. “Gateway <no-reply@host.example>”.';
    setErrors(found);
    if (Object.keys(found).length) return;
    const s = await save.run(() => api.updateHostSettings({ smtp: body }), {
      success: 'Mail server saved. Invitations are emailed from now on.',
    });
    if (!s) return;
    saved(s);
    setSmtp({ url: '', from: '' });
  };
  const removeSmtp = async () => {
    const s = await save.run(() => api.updateHostSettings({ smtp: null }), {
      success: 'Mail server removed.',
    });
    if (s) saved(s);
  };

  if (settings.error)
    return (
      <>
        <PageHeader title="Settings" />
        <LoadError error={settings.error} retry={settings.reload} what="the settings" />
      </>
    );
  if (!settings.data) return <Loading />;
  const mail = settings.data.smtp;
  return (
    <>
      <PageHeader
        title="Settings"
        description="How this gateway presents itself and sends email."
      />
      <div className="stack">
        <Card title="Host name" description="Shown in the hub and in the emails it sends.">
          <form className="form" onSubmit={saveName} noValidate>
            <TextField label="Name" value={name} onChange={setName} />
            <div>
              <Button
                type="submit"
                busy={save.busy}
                disabled={!name.trim() || name.trim() === settings.data.name}
              >
                Save name
              </Button>
            </div>
          </form>
        </Card>
        <Card
          title="Email (SMTP)"
          description="Invitations and password resets are emailed when a mail server is set. Without one, the hub shows each link to copy and send yourself."
          actions={
            mail?.configured ? <Badge tone="ok">Configured</Badge> : <Badge>Not configured</Badge>
          }
        >
          <div className="stack">
            {mail?.configured && (
              <dl className="kv">
                <dt>Server</dt>
                <dd className="mono">{mail.host}</dd>
                <dt>Sender</dt>
                <dd>{mail.from}</dd>
              </dl>
            )}
            {mail?.source === 'environment' && (
              <Callout tone="info">
                Set by the SMTP_URL environment variable. Settings saved here take precedence.
              </Callout>
            )}
            <form className="form" onSubmit={saveSmtp} noValidate>
              <TextField
                label="SMTP URL"
                type="password"
                value={smtp.url}
                onChange={(url) => setSmtp({ ...smtp, url })}
                error={errors.url}
                hint="smtp://user:password@host:587 — the password is stored encrypted and never shown again."
                autoComplete="off"
                mono
              />
              <TextField
                label="Sender"
                value={smtp.from}
                onChange={(from) => setSmtp({ ...smtp, from })}
                error={errors.from}
                placeholder="Gateway <no-reply@host.example>"
              />
              <div className="row">
                <Button type="submit" variant="primary" busy={save.busy}>
                  {mail?.configured ? 'Replace mail server' : 'Save mail server'}
                </Button>
                {mail?.source === 'settings' && (
                  <Button variant="danger" onClick={() => void removeSmtp()}>
                    Remove
                  </Button>
                )}
              </div>
            </form>
          </div>
        </Card>
      </div>
    </>
  );
}
