import type { ReactNode } from 'react';
import { Callout } from './Callout';
import { CopyField } from './CopyField';

/** A secret the gateway shows once (access key, API secret): copy it now, it will not return. */
export function SecretOnce({
  label,
  value,
  children,
}: {
  label: string;
  value: string;
  children?: ReactNode;
}) {
  return (
    <div className="stack">
      <Callout tone="warn" title="Copy it now: it is shown only once">
        {children ?? 'The gateway keeps only a hash. If it is lost, create a new one.'}
      </Callout>
      <CopyField label={label} value={value} />
    </div>
  );
}
