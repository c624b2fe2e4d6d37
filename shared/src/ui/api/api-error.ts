import type { ErrorCode } from '../../protocol/errors';

/** Codes the UI meets besides the gateway's catalogue: transport failure, second factor. */
export type ClientErrorCode = 'NETWORK' | 'TOTP_REQUIRED' | 'TOTP_INVALID';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * The one error every HubApi method rejects with, whatever the transport. Screens switch on
 * `code`; `code` stays a string because a newer gateway may answer a code this UI predates.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field problems from a VALIDATION_FAILED answer (`details.issues`), if any. */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: unknown } | undefined;
    if (!d || !Array.isArray(d.issues)) return [];
    return d.issues.filter(
      (i): i is FieldIssue =>
        typeof i === 'object' && i !== null && typeof (i as FieldIssue).path === 'string',
    );
  }
}

/** Any thrown value as an ApiError, so screens handle one type. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'INTERNAL', message);
}
