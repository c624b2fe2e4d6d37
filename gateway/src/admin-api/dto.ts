import type { AccountDto, PixelDto } from '@capgw/shared/schemas/admin';
import type { AccountRow } from '../store/repos/accounts-repo.js';
import type { PixelRow } from '../store/repos/pixels-repo.js';

// Rows become API answers here and only here: secrets (token ciphertext, key hashes) never leave.

export function accountDto(a: AccountRow): AccountDto {
  return {
    id: a.id,
    name: a.name,
    managed: a.managed,
    status: a.status,
    manage_requested: a.manageRequestedAt !== null,
    created_at: a.createdAt,
  };
}

export function pixelDto(p: PixelRow, accessKey?: string): PixelDto {
  return {
    pixel_id: p.pixelId,
    account_id: p.accountId,
    name: p.name,
    token_last4: p.tokenLast4,
    token_status: p.tokenStatus,
    receiving: p.receiving,
    publishing: p.publishing,
    test_event_code: p.testEventCode,
    blocked_events: p.blockedEvents,
    last_error: p.lastError ?? null,
    created_at: p.createdAt,
    ...(accessKey ? { access_key: accessKey } : {}),
  };
}

/** What the audit log keeps of a pixel: its public shape (settings, last 4 of the token). */
export function pixelAuditView(p: PixelRow | undefined) {
  return p ? pixelDto(p) : null;
}
