/** How a figure moved against the previous period, as the comparison shows it. */
export interface Change {
  /** "+12%", "−5%", "+3.1 pp", "0%", or "new" for a figure that was 0 before. */
  text: string;
  direction: 'up' | 'down' | 'flat';
}

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '');
const direction = (n: number): Change['direction'] => (n > 0 ? 'up' : n < 0 ? 'down' : 'flat');
const oneDecimal = (n: number) => {
  const abs = Math.abs(n);
  return abs < 10 && abs !== Math.round(abs) ? abs.toFixed(1) : String(Math.round(abs));
};

/** The relative change of a count or amount: (now − before) / before. */
export function relativeChange(now: number, before: number): Change {
  if (before === 0) return now === 0 ? { text: '0%', direction: 'flat' } : { text: 'new', direction: 'up' };
  const pct = ((now - before) / before) * 100;
  return { text: `${sign(pct)}${oneDecimal(pct)}%`, direction: direction(pct) };
}

/** The change of a share in [0, 1], in percentage points. */
export function pointChange(now: number, before: number): Change {
  const points = (now - before) * 100;
  return { text: `${sign(points)}${oneDecimal(points)} pp`, direction: direction(points) };
}
