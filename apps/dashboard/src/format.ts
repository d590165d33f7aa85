/** Display formats, one place: numbers, shares, money, dates and durations as the pages show them. */
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const date = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export const formatInt = (n: number | null | undefined) => (n == null ? '—' : integer.format(n));
export const formatCompact = (n: number | null | undefined) => (n == null ? '—' : compact.format(n));
export const formatMoney = (n: number | null | undefined) => (n == null ? '—' : money.format(n));

/** A share in [0, 1] as a percentage with one decimal below 10%. */
export function formatPercent(share: number | null | undefined): string {
  if (share == null || Number.isNaN(share)) return '—';
  const pct = share * 100;
  return `${pct < 10 && pct > 0 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** Seconds as the largest two units: "45s", "3m 20s", "2h 5m", "3d 4h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3_600, 'h'],
    [60, 'm'],
    [1, 's'],
  ];
  const i = units.findIndex(([size]) => s >= size);
  const [big, bigName] = units[i]!;
  const [small, smallName] = units[i + 1]!;
  const rest = Math.floor((s % big) / small);
  return rest ? `${Math.floor(s / big)}${bigName} ${rest}${smallName}` : `${Math.floor(s / big)}${bigName}`;
}

/** "23 Nov 2026", the UTC day. */
export const formatDate = (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : '—');

/** "23 Nov, 14:10 UTC". */
export const formatDateTime = (iso: string | null | undefined) =>
  iso ? `${dateTime.format(new Date(iso))} UTC` : '—';

/** "3 days ago", "in 2 hours", relative to `now`. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = (Date.parse(iso) - now) / 1000;
  const abs = Math.abs(diff);
  if (abs < 60) return relative.format(Math.round(diff), 'second');
  if (abs < 3_600) return relative.format(Math.round(diff / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(diff / 3_600), 'hour');
  return relative.format(Math.round(diff / 86_400), 'day');
}

/** UTC midnight `days` days before today, as ISO: the start of a report's range. */
export function daysAgo(days: number, now = Date.now()): string {
  const today = Math.floor(now / 86_400_000) * 86_400_000;
  return new Date(today - days * 86_400_000).toISOString();
}

/** The end of today (UTC), exclusive: the end of a report's range. */
export function endOfToday(now = Date.now()): string {
  return new Date((Math.floor(now / 86_400_000) + 1) * 86_400_000).toISOString();
}
