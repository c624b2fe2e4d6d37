import { AccountInvitationBody } from '../../../schemas/tenancy';
import type { PixelDto } from '../../api/types';
import { ACCOUNT_ROLE_HINTS } from '../../capabilities';
import { useApi } from '../../hub-context';
import { InviteDialog } from '../InviteDialog';
import { useOpenAccount } from './account-context';
import { PixelChecklist } from './PixelChecklist';

/** Invite someone to the account with a role; managers are given the pixels they manage. */
export function InviteUserDialog({
  open,
  onClose,
  onInvited,
  pixels,
}: {
  open: boolean;
  onClose(): void;
  onInvited(): void;
  pixels: PixelDto[];
}) {
  const api = useApi();
  const { account } = useOpenAccount();
  return (
    <InviteDialog
      open={open}
      onClose={onClose}
      onInvited={onInvited}
      title={`Invite someone to ${account.name}`}
      roleLabel="Role"
      roleHints={ACCOUNT_ROLE_HINTS}
      schema={AccountInvitationBody}
      body={(email, role, pixelIds) => ({
        email,
        role,
        ...(role === 'manager' ? { pixel_ids: pixelIds } : {}),
      })}
      send={(body) => api.inviteAccountUser(account.id, body)}
      scopePicker={(role, pixelIds, setPixelIds) =>
        role === 'manager' && (
          <PixelChecklist pixels={pixels} value={pixelIds} onChange={setPixelIds} />
        )
      }
    />
  );
}
