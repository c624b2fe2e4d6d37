/**
 * The error catalogue: every error the gateway returns, with its HTTP status. The admin API,
 * intake and the desktop IPC all answer `{"error":{"code","message"}}`; clients switch on the
 * code, never on message text.
 */
export const ERRORS = {
  // Generic request problems
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  INVALID_JSON: { status: 400, message: 'The body is not valid JSON.' },
  VALIDATION_FAILED: { status: 400, message: 'The body does not match the expected shape.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send application/json (or text/plain JSON).' },
  BODY_TOO_LARGE: { status: 413, message: 'The body is over the size limit.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; retry later.' },
  INTERNAL: { status: 500, message: 'Something went wrong on the gateway.' },
  NOT_READY: { status: 503, message: 'The gateway is not ready.' },

  // Authentication and authorization
  UNAUTHENTICATED: { status: 401, message: 'Sign in first.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong email or password.' },
  ACCOUNT_LOCKED: { status: 429, message: 'Too many failed sign-ins; try again later.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do this.' },
  CSRF_FAILED: { status: 403, message: 'Missing or wrong CSRF token.' },
  SETUP_ALREADY_CLAIMED: { status: 409, message: 'This gateway has already been claimed.' },
  SETUP_TOKEN_INVALID: { status: 403, message: 'Wrong setup token.' },
  TOTP_REQUIRED: { status: 401, message: 'Enter the 6-digit code from your authenticator app.' },
  TOTP_INVALID: { status: 400, message: 'That authenticator code is wrong or already used.' },
  TOTP_NOT_PENDING: { status: 409, message: 'Start the authenticator setup first.' },
  WRONG_PASSWORD: { status: 403, message: 'The password you entered is wrong.' },
  INVALID_CLIENT: { status: 401, message: 'Unknown API account or wrong secret.' },
  UNSUPPORTED_GRANT_TYPE: { status: 400, message: 'grant_type must be client_credentials.' },

  // Configuration objects
  CONFLICT: { status: 409, message: 'That conflicts with an existing object.' },
  PIXEL_EXISTS: { status: 409, message: 'This pixel is already connected to this gateway.' },
  LAST_ADMIN: { status: 409, message: 'Every account keeps at least one admin.' },
  LAST_HOST_ADMIN: { status: 409, message: 'The host keeps at least one admin.' },
  INVITATION_INVALID: { status: 400, message: 'This invitation link is invalid, used or expired.' },
  ALREADY_MEMBER: { status: 409, message: 'This person already has access here.' },
  API_ACCOUNT_EXISTS: { status: 409, message: 'An API account with this name exists.' },
  DOMAIN_EXISTS: { status: 409, message: 'This account already lists this website.' },
  DOMAIN_TAKEN: { status: 409, message: 'This hostname is already a first-party domain here.' },

  // Intake
  PIXEL_UNKNOWN: { status: 404, message: 'No pixel with this id receives events here.' },
  PIXEL_NOT_RECEIVING: { status: 404, message: 'This pixel is not receiving events.' },
  WEBSITE_BLOCKED: { status: 403, message: 'The account blocks events from this website.' },
  WRONG_DOMAIN: { status: 403, message: "This pixel belongs to another account's domain." },
  ACCESS_KEY_INVALID: { status: 403, message: 'Wrong access key for this pixel.' },
  TOO_MANY_EVENTS: { status: 400, message: 'At most 1,000 events per body.' },
  NO_EVENTS: { status: 400, message: 'The body carries no events.' },
  EVENT_INVALID: { status: 400, message: 'An event is invalid.' },
  EVENT_TOO_OLD: { status: 400, message: 'event_time is more than 7 days in the past.' },
  EVENT_IN_FUTURE: { status: 400, message: 'event_time is in the future.' },
  OUTBOX_FULL: { status: 429, message: 'The gateway is saturated; retry later.' },
  STORAGE_UNAVAILABLE: { status: 503, message: 'Events cannot be stored right now; retry later.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The one error body shape of every HTTP answer that is not a success. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
