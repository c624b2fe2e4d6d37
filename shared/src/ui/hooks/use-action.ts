import { useCallback, useRef, useState } from 'react';
import { toApiError, type ApiError } from '../api/api-error';
import { errorMessage } from '../api/error-messages';
import { useHub } from '../hub-context';

export interface ActionOptions {
  /** Toast shown when it worked. */
  success?: string;
  /** Show the failure as a toast (default) or leave it to the caller's inline error. */
  toastError?: boolean;
}

export interface Action {
  busy: boolean;
  error: ApiError | null;
  /** Runs `fn`; resolves to its value, or undefined when it failed (the error is in `error`). */
  run<T>(fn: () => Promise<T>, opts?: ActionOptions): Promise<T | undefined>;
  clear(): void;
}

/** A write from a button or form: busy flag, success toast, errors that say what to do. */
export function useAction(): Action {
  const { toasts, session } = useHub();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async <T>(fn: () => Promise<T>, opts: ActionOptions = {}): Promise<T | undefined> => {
      // A double click must not send the write twice.
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        const value = await fn();
        if (opts.success) toasts.getState().push('success', opts.success);
        return value;
      } catch (err) {
        const e = toApiError(err);
        setError(e);
        if (e.code === 'UNAUTHENTICATED') session.getState().expire();
        else if (opts.toastError ?? true) toasts.getState().push('error', errorMessage(e));
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [toasts, session],
  );
  return { busy, error, run, clear: useCallback(() => setError(null), []) };
}
