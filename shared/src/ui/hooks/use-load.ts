import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { toApiError, type ApiError } from '../api/api-error';
import { useHub } from '../hub-context';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): Promise<void>;
  /** Local update after a write, without another round trip. */
  setData(update: (current: T | undefined) => T | undefined): void;
}

/**
 * Server data for one screen: loads on mount and when `deps` change, drops answers that arrive
 * after a newer request, and turns a 401 into a signed-out session (the login screen follows).
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const { session } = useHub();
  const [data, setState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // Callers pass the dependencies of `load`, as with useEffect.
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine !== seq.current) return;
      setState(value);
      setError(null);
    } catch (err) {
      if (mine !== seq.current) return;
      const e = toApiError(err);
      if (e.code === 'UNAUTHENTICATED') session.getState().expire();
      setError(e);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [run, session]);

  useEffect(() => {
    void reload();
    return () => {
      seq.current++; // answers for an unmounted screen are ignored
    };
  }, [reload]);

  const setData = useCallback(
    (update: (c: T | undefined) => T | undefined) => setState(update),
    [],
  );
  return { data, error, loading, reload, setData };
}
