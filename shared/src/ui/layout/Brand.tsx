/** The product mark and name; the subtitle is the host's name when it has one. */
export function Brand({ subtitle }: { subtitle: string }) {
  return (
    <div className="brand">
      <span className="brand-mark" aria-hidden="true">
        CG
      </span>
      <span>
        CAPI Gateway
        <small>{subtitle}</small>
      </span>
    </div>
  );
}
