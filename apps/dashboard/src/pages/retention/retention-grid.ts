import type { Aggregation, RetentionQuery, RetentionResult } from '@bindery/contracts';
import type { RangeDays } from '../../components/RangeSelect';

/** The retention form as typed; `periods` stays text so that the field can be empty while editing. */
export interface RetentionDraft {
  startEvent: string;
  returnEvent: string;
  period: 'day' | 'week';
  periods: string;
  aggregateBy: Aggregation;
  days: RangeDays;
}

export const MAX_PERIODS = 100;

type Rgb = [number, number, number];
/** The ends of the shading: a pale and a deep shade of the accent blue. */
const LOW: Rgb = [238, 242, 253];
const HIGH: Rgb = [30, 58, 158];
const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

function luminance([r, g, b]: Rgb): number {
  const [lr, lg, lb] = [r, g, b].map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const rgb = (c: Rgb) => `rgb(${c.join(', ')})`;

/**
 * A cohort cell's colours for a share in [0, 1]: the higher the share, the deeper the blue; the text is
 * black or white, whichever reads better on it.
 */
export function cellShade(share: number): { background: string; color: string } {
  const t = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const background = LOW.map((low, i) => Math.round(low + (HIGH[i]! - low) * t)) as Rgb;
  const text = contrast(background, WHITE) > contrast(background, BLACK) ? WHITE : BLACK;
  return { background: rgb(background), color: rgb(text) };
}

/** A later period's cell: who came back of how many, and whether its period is still in progress. */
export interface GridCell {
  share: number | null;
  count: number;
  size: number;
  inProgress: boolean;
}

export interface GridRow {
  start: string;
  size: number;
  /** Per following period: its cell, or null where the period has not been reached. */
  cells: (GridCell | null)[];
}

export function cohortRows(result: Pick<RetentionResult, 'cohorts'>): GridRow[] {
  return result.cohorts.map((c) => ({
    start: c.start,
    size: c.size,
    cells: c.returned.map((n, i) =>
      n === null
        ? null
        : { count: n, size: c.size, share: c.size > 0 ? n / c.size : null, inProgress: i >= c.ended },
    ),
  }));
}

/**
 * All cohorts together, period by period, as the API's curve counts them: the returned over the size of the
 * cohorts whose period has ended, so that young cohorts and periods in progress do not pull it down.
 */
export function averageRow(result: Pick<RetentionResult, 'curve'>): (GridCell | null)[] {
  return result.curve
    .filter((p) => p.period > 0)
    .map((p) =>
      p.subjects > 0 ? { count: p.returned, size: p.subjects, share: p.rate, inProgress: false } : null,
    );
}

/**
 * Sensible first events to show: a sign-up-like event as the start (else the most frequent), the most
 * frequent event as the return; internal `$` events are skipped. Names arrive most frequent first.
 */
export function defaultEvents(names: string[]): { startEvent: string; returnEvent: string } | null {
  const usable = names.filter((n) => !n.startsWith('$'));
  if (usable.length === 0) return null;
  const start =
    usable.find((n) => /sign(ed)?[ _-]?up|regist(er|ered|ration)|account created/i.test(n)) ?? usable[0]!;
  const back = usable.find((n) => n !== start) ?? start;
  return { startEvent: start, returnEvent: back };
}

export function defaultDraft(names: string[]): RetentionDraft {
  const events = defaultEvents(names);
  return {
    startEvent: events?.startEvent ?? '',
    returnEvent: events?.returnEvent ?? '',
    period: 'week',
    periods: '8',
    aggregateBy: 'user',
    days: 60,
  };
}

/** The body of `POST retention/query`, or the messages of what to fix. */
export function toRetentionQuery(
  draft: RetentionDraft,
  range: { from: string; to: string },
): { ok: true; value: RetentionQuery } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const startEvent = draft.startEvent.trim();
  const returnEvent = draft.returnEvent.trim();
  const periods = Number(draft.periods);
  if (!startEvent) errors.push('Pick the event that starts a cohort.');
  if (!returnEvent) errors.push('Pick the event that counts as coming back.');
  if (!Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    errors.push(`Show 1 to ${MAX_PERIODS} ${draft.period}s.`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      startEvent,
      returnEvent,
      period: draft.period,
      periods,
      aggregateBy: draft.aggregateBy,
      from: range.from,
      to: range.to,
    },
  };
}
