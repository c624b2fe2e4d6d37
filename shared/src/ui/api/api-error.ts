import type { ErrorCode } from '../../protocol/errors';

/** Codes of failures on this side: the gateway unreachable, or an error in the UI itself. */
export type ClientErrorCode = 'NETWORK' | 'CLIENT';
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
  // Not from the gateway: saying "the gateway failed" would send people looking in the wrong place.
  return new ApiError(0, 'CLIENT', message);
}
