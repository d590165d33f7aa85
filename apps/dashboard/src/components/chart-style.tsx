/** The charts' colours (the stylesheet's palette; SVG attributes take them as values) and tick format. */
export const COLORS = {
  accent: '#3559e0',
  accentSoft: '#b9c7f5',
  ok: '#1e7f4f',
  warn: '#b86e00',
  danger: '#c23030',
  grid: '#e6e9ee',
  muted: '#5f6b7c',
} as const;

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "2026-11-23" → "23 Nov", for axis ticks (UTC days). */
export function shortDay(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayMonth.format(date);
}

export const TICK = { fontSize: 12, fill: COLORS.muted } as const;

/** Legend labels in the text colour: a pale series colour would be hard to read. */
export const LEGEND = {
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown) => <span style={{ color: '#1d2330' }}>{String(value)}</span>,
};

/**
 * A period's point on a line: filled once its figures are final, hollow (dashed) while they can still change;
 * none where the line has no value.
 */
export function PeriodDot(props: {
  cx?: number;
  cy?: number;
  index?: number;
  value?: unknown;
  payload?: { complete: boolean };
}) {
  const { cx, cy, index, value, payload } = props;
  if (cx === undefined || cy === undefined || !payload || value === null || value === undefined) {
    return <g key={index} />;
  }
  return (
    <circle
      key={index}
      cx={cx}
      cy={cy}
      r={5}
      fill={payload.complete ? COLORS.accent : '#ffffff'}
      stroke={COLORS.accent}
      strokeWidth={2}
      strokeDasharray={payload.complete ? undefined : '2 2'}
    />
  );
}
