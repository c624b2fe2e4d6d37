import { ApiError, toApiError } from './api-error';

// What the person should do next, per code. The gateway's own messages say what went wrong;
// these add the way out, in the UI's voice. Unknown codes fall back to the gateway's message.
const MESSAGES: Record<string, string> = {
  NETWORK:
    'The gateway cannot be reached. Check your connection and that the gateway is running, then try again.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to continue.',
  INVALID_CREDENTIALS: 'Wrong email or password. Check both, or reset your password.',
  ACCOUNT_LOCKED:
    'Too many failed sign-ins. Wait 15 minutes before trying again, or reset your password.',
  TOTP_REQUIRED: 'Enter the 6-digit code from your authenticator app.',
  TOTP_INVALID: 'That code is not valid. Enter the current 6-digit code from your app.',
  FORBIDDEN:
    'Your role does not allow this. Ask an admin of this account to do it or to change your role.',
  CSRF_FAILED: 'Your session is out of date. Reload the page and try again.',
  SETUP_ALREADY_CLAIMED: 'This gateway has already been claimed. Sign in instead.',
  SETUP_TOKEN_INVALID:
    "That setup token is wrong. Use the token printed in the gateway's log at first start (or its SETUP_TOKEN setting).",
  PIXEL_EXISTS:
    'This pixel is already connected to this gateway. Each pixel belongs to one account; remove it there first.',
  LAST_ADMIN: 'Every account keeps at least one admin. Make someone else an admin first.',
  INVITATION_INVALID:
    'This link is invalid, already used or expired. Ask the person who sent it for a new one.',
  NOT_FOUND: 'This does not exist any more, or you have no access to it.',
  RATE_LIMITED: 'Too many requests. Wait a minute, then try again.',
  INTERNAL:
    "Something went wrong on the gateway. Try again; if it keeps failing, check the gateway's log.",
  NOT_READY: 'The gateway is starting or its database is unreachable. Try again in a moment.',
  STORAGE_UNAVAILABLE: 'The gateway cannot reach its database right now. Try again in a moment.',
  BODY_TOO_LARGE: 'That is too large to send. Shorten it and try again.',
};

/** A sentence for a toast or an inline error: what happened and what to do. */
export function errorMessage(err: unknown): string {
  const e = toApiError(err);
  if (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT' || e.code === 'BAD_REQUEST') {
    // The gateway names the field and the rule; that is the useful part here.
    return `${sentence(e.message)} Correct it and try again.`;
  }
  return MESSAGES[e.code] ?? sentence(e.message || 'Something went wrong. Try again.');
}

/** Field errors keyed by the first path segment, for forms that show them under inputs. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.split('.')[0] ?? '';
    if (key && !out[key]) out[key] = sentence(issue.message);
  }
  return out;
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
