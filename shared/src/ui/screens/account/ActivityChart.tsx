import { formatCount, formatDateTime } from '../../format';

export interface Bucket {
  at: number;
  /** Events that arrived in the slot. */
  received: number;
  /** Of those, the ones that went wrong: drawn as the red top of the bar. */
  failed: number;
}

/** Events per time slot as bars. Decorative for screen readers: the stat cards carry the numbers. */
export function ActivityChart({ data, label }: { data: Bucket[]; label: string }) {
  const max = Math.max(1, ...data.map((b) => b.received));
  const w = 100 / data.length;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="chart"
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
      >
        {data.map((b, i) => {
          const hr = (b.received / max) * 38;
          const hf = (Math.min(b.failed, b.received) / max) * 38;
          return (
            <g key={i}>
              <rect
                className="bar"
                x={i * w + w * 0.15}
                y={40 - hr}
                width={w * 0.7}
                height={hr}
                rx={0.4}
              />
              {/* The red part overlays the top of the bar: failures are part of the arrivals. */}
              {hf > 0 && (
                <rect
                  className="bar-fail"
                  x={i * w + w * 0.15}
                  y={40 - hr}
                  width={w * 0.7}
                  height={hf}
                  rx={0.4}
                />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="row muted" style={{ fontSize: 12, justifyContent: 'space-between' }}>
        <span>{data[0] ? formatDateTime(data[0].at) : ''}</span>
        <span>
          Busiest hour: {formatCount(max)} events · <span style={{ color: '#ef4444' }}>■</span>{' '}
          failed or rejected
        </span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}
