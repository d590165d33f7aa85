import { Line, LineChart, YAxis } from 'recharts';

/** A small trend line for a table cell; its label reads the first and last values. */
export function Sparkline({
  values,
  width = 96,
  height = 28,
  label,
}: {
  values: number[];
  width?: number;
  height?: number;
  label: string;
}) {
  const data = values.map((value, i) => ({ i, value }));
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? 0;
  const falling = last < first * 0.8;
  return (
    <span
      className="sparkline"
      role="img"
      aria-label={`${label}: ${values.join(', ')}`}
      style={{ width, height }}
    >
      <LineChart width={width} height={height} data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line
          type="monotone"
          dataKey="value"
          stroke={falling ? 'var(--danger)' : 'var(--accent)'}
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}
