import { useId, type ReactNode } from 'react';

export interface SelectFieldProps<V extends string> {
  label: ReactNode;
  value: V;
  onChange(value: NoInfer<V>): void;
  options: readonly { value: NoInfer<V>; label: string }[];
  hint?: ReactNode;
  disabled?: boolean;
}

export function SelectField<V extends string>({
  label,
  value,
  onChange,
  options,
  hint,
  disabled,
}: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value as V)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
