import { useId } from 'react';
import { useHub } from '../hub-context';
import { Button } from './Button';
import { Icon } from './Icon';

export interface CopyFieldProps {
  label: string;
  value: string;
  hint?: string;
  /** Multi-line values (snippets) show as a code block. */
  multiline?: boolean;
}

/** A value to hand on (link, key, snippet): selectable text plus a Copy button. */
export function CopyField({ label, value, hint, multiline }: CopyFieldProps) {
  const { copyText, toasts } = useHub();
  const id = useId();
  const copy = async () => {
    try {
      await copyText(value);
      toasts.getState().push('success', `${label} copied.`);
    } catch {
      toasts
        .getState()
        .push('error', 'Copying is blocked here. Select the text and copy it with Ctrl+C.');
    }
  };
  const button = (
    <Button
      size={multiline ? 'sm' : 'md'}
      onClick={copy}
      aria-label={`Copy ${label.toLowerCase()}`}
    >
      <Icon name="copy" /> Copy
    </Button>
  );
  return (
    <div className="field">
      <div className="row">
        <label className="label" htmlFor={id}>
          {label}
        </label>
        {multiline && <span className="spacer" />}
        {multiline && button}
      </div>
      {multiline ? (
        <pre className="code-block" id={id} tabIndex={0} aria-label={label}>
          <code>{value}</code>
        </pre>
      ) : (
        <div className="copy-field">
          <input
            id={id}
            className="input mono"
            readOnly
            value={value}
            onFocus={(e) => e.currentTarget.select()}
          />
          {button}
        </div>
      )}
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
}
