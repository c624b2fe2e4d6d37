import { useHub, useToasts } from '../hub-context';
import { Button } from './Button';

/** Toasts in one live region: successes politely, errors as alerts. */
export function Toasts() {
  const { toasts } = useHub();
  const list = useToasts((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {list.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
        >
          <span style={{ flex: 1 }}>{t.text}</span>
          <Button
            variant="ghost"
            size="sm"
            aria-label="Dismiss"
            onClick={() => toasts.getState().dismiss(t.id)}
          >
            ×
          </Button>
        </div>
      ))}
    </div>
  );
}
