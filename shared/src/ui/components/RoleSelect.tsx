import type { Role } from '../api/types';
import { ROLE_LABELS } from '../capabilities';

/** A compact role picker for table rows; its label names the person it is for. */
export function RoleSelect({
  value,
  label,
  disabled,
  onChange,
}: {
  value: Role;
  label: string;
  disabled?: boolean;
  onChange(role: Role): void;
}) {
  return (
    <select
      className="select select-sm"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {(['admin', 'manager', 'viewer'] as const).map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </select>
  );
}
