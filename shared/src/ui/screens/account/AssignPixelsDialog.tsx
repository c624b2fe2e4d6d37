import { useEffect, useState } from 'react';
import type { AccountUser, PixelDto } from '../../api/types';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAction } from '../../hooks/use-action';
import { useApi } from '../../hub-context';
import { useOpenAccount } from './account-context';
import { PixelChecklist } from './PixelChecklist';

/** Which pixels a manager may change. */
export function AssignPixelsDialog({
  user,
  pixels,
  onClose,
  onSaved,
}: {
  user: AccountUser | null;
  pixels: PixelDto[];
  onClose(): void;
  onSaved(): void;
}) {
  const api = useApi();
  const { account } = useOpenAccount();
  const [ids, setIds] = useState<string[]>([]);
  const save = useAction();
  useEffect(() => setIds(user?.pixel_ids ?? []), [user]);

  const submit = async () => {
    if (!user) return;
    const ok = await save.run(
      async () => (await api.updateAccountUser(account.id, user.id, { pixel_ids: ids }), true),
      { success: 'Pixels assigned.' },
    );
    if (ok) {
      onSaved();
      onClose();
    }
  };
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      title={`Pixels for ${user?.email ?? ''}`}
      description="Managers change the settings of these pixels only; they see all of the account's pixels."
    >
      <div className="form">
        <PixelChecklist pixels={pixels} value={ids} onChange={setIds} />
        <div className="form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={save.busy} onClick={() => void submit()}>
            Save
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
