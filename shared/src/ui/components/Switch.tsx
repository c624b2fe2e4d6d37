import { useId, type ReactNode } from 'react';

export interface SwitchProps {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  busy?: boolean;
}

/** An on/off setting: a button with role="switch", named by its label, described by its text. */
export function Switch({ label, description, checked, onChange, disabled, busy }: SwitchProps) {
  const id = useId();
  return (
    <div className="switch-row">
      <div className="switch-text">
        <div className="label" id={`${id}-label`}>
          {label}
        </div>
        {description && (
          <div className="hint" id={`${id}-desc`}>
            {description}
          </div>
        )}
      </div>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-desc` : undefined}
        aria-busy={busy || undefined}
        disabled={disabled || busy}
        onClick={() => onChange(!checked)}
      />
    </div>
  );
}
