import { type Change, pointChange, relativeChange } from './change';

/** The previous period's figure and the change, under a figure of the range, when comparing. */
export function ChangeNote({
  now,
  before,
  format,
  share = false,
}: {
  now: number;
  before: number | null | undefined;
  format: (n: number) => string;
  /** A share in [0, 1]: its change in percentage points rather than relative. */
  share?: boolean;
}) {
  if (before == null) return null;
  const change: Change = share ? pointChange(now, before) : relativeChange(now, before);
  return (
    <span className="change-note">
      <span className={`change change-${change.direction}`}>{change.text}</span>{' '}
      <span className="muted">vs {format(before)} before</span>
    </span>
  );
}

/** A figure of the range in a tile, with its comparison when there is one. */
export function ComparedTile({
  label,
  now,
  before,
  format,
  share,
}: {
  label: string;
  now: number;
  before?: number | null;
  format: (n: number) => string;
  share?: boolean;
}) {
  return (
    <div className="tile">
      <div className="value">{format(now)}</div>
      <div className="label">{label}</div>
      <ChangeNote now={now} before={before} format={format} share={share} />
    </div>
  );
}
