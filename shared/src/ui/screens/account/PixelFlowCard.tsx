import { useState, type FormEvent } from 'react';
import { TestEventCode } from '../../../schemas/admin';
import type { PixelDto, PixelPatch } from '../../api/types';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Switch } from '../../components/Switch';
import { TextField } from '../../components/TextField';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';

export interface PixelCardProps {
  pixel: PixelDto;
  canUpdate: boolean;
  onChanged(p: PixelDto): void;
}

/** Whether events come in and go out, and the test event code for Events Manager's test tab. */
export function PixelFlowCard({ pixel, canUpdate, onChanged }: PixelCardProps) {
  const api = useApi();
  const { account } = useOpenAccount();
  const save = useAction();
  const [code, setCode] = useState(pixel.test_event_code ?? '');
  const [codeError, setCodeError] = useState<string>();

  const patch = async (body: PixelPatch, success: string) => {
    const next = await save.run(() => api.updatePixel(account.id, pixel.pixel_id, body), {
      success,
    });
    if (next) onChanged(next);
    return next;
  };
  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim();
    if (!TestEventCode.safeParse(value).success)
      return setCodeError('Use letters, digits, _ and - only (as Events Manager shows it).');
    setCodeError(undefined);
    await patch(
      { test_event_code: value || null },
      value
        ? 'Test events on: check Events Manager’s Test events tab.'
        : 'Test event code cleared.',
    );
  };

  return (
    <Card title="Event flow">
      <Switch
        label="Receiving"
        description="Accept events for this pixel from pages and servers. Off: they are refused."
        checked={pixel.receiving}
        disabled={!canUpdate}
        busy={save.busy}
        onChange={(v) =>
          void patch({ receiving: v }, v ? 'Receiving events.' : 'Receiving switched off.')
        }
      />
      <Switch
        label="Publishing to Meta"
        description="Send received events to the Conversions API. Off: events are still accepted and counted, but never sent to Meta."
        checked={pixel.publishing}
        disabled={!canUpdate}
        busy={save.busy}
        onChange={(v) =>
          void patch({ publishing: v }, v ? 'Publishing to Meta.' : 'Publishing paused.')
        }
      />
      <form
        className="form"
        onSubmit={submitCode}
        noValidate
        style={{ borderTop: '1px solid var(--line)', paddingTop: 12 }}
      >
        <TextField
          label="Test event code"
          value={code}
          onChange={setCode}
          error={codeError}
          readOnly={!canUpdate}
          hint="From Events Manager → Test events. While set, Meta shows this pixel’s events there. Clear it when done."
          mono
          placeholder="TEST12345"
        />
        {canUpdate && (
          <div className="row">
            <Button type="submit" busy={save.busy}>
              Save code
            </Button>
            {pixel.test_event_code && (
              <Button
                variant="ghost"
                onClick={() => (
                  setCode(''),
                  void patch({ test_event_code: null }, 'Test event code cleared.')
                )}
              >
                Clear
              </Button>
            )}
          </div>
        )}
      </form>
    </Card>
  );
}
