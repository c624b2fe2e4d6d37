import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { errorMessage, fieldErrors } from './error-messages';

describe('errorMessage', () => {
  it('says what to do next for the codes people meet', () => {
    expect(errorMessage(new ApiError(403, 'SETUP_TOKEN_INVALID', 'Wrong setup token.'))).toMatch(
      /log/,
    );
    expect(errorMessage(new ApiError(409, 'LAST_ADMIN', 'x'))).toMatch(
      /someone else an admin first/,
    );
    expect(errorMessage(new ApiError(0, 'NETWORK', 'x'))).toMatch(/gateway is running/);
  });

  it('keeps the gateway’s words for validation, and for codes it does not know', () => {
    expect(errorMessage(new ApiError(400, 'VALIDATION_FAILED', 'name: too long'))).toBe(
      'Name: too long. Correct it and try again.',
    );
    expect(errorMessage(new ApiError(418, 'NEW_CODE', 'a newer gateway says so'))).toBe(
      'A newer gateway says so.',
    );
    expect(errorMessage(new Error('boom'))).toBe('Boom.');
  });
});

describe('fieldErrors', () => {
  it('puts each issue under its field, the first one winning', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'x', {
      issues: [
        { path: 'email', message: 'invalid email' },
        { path: 'email', message: 'second' },
        { path: 'smtp.url', message: 'an smtp:// URL' },
      ],
    });
    expect(fieldErrors(e)).toEqual({ email: 'Invalid email.', smtp: 'An smtp:// URL.' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
