import type { PixelDto } from '../../api/types';

/** Pick pixels (a manager's assignment) by checkbox, in a labelled group. */
export function PixelChecklist({
  pixels,
  value,
  onChange,
}: {
  pixels: PixelDto[];
  value: string[];
  onChange(ids: string[]): void;
}) {
  if (pixels.length === 0)
    return <p className="muted">This account has no pixels yet; assign them later.</p>;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...value, id] : value.filter((v) => v !== id));
  return (
    <fieldset className="checks" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="label" style={{ marginBottom: 6 }}>
        Pixels they may change
      </legend>
      {pixels.map((p) => (
        <label key={p.pixel_id} className="row">
          <input
            type="checkbox"
            checked={value.includes(p.pixel_id)}
            onChange={(e) => toggle(p.pixel_id, e.target.checked)}
          />
          {p.name} <span className="muted mono">{p.pixel_id}</span>
        </label>
      ))}
    </fieldset>
  );
}
