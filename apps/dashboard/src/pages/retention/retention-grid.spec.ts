import type { RetentionResult } from '@bindery/contracts';
import {
  averageRow,
  cellShade,
  cohortRows,
  contrast,
  defaultDraft,
  defaultEvents,
  toRetentionQuery,
} from './retention-grid';

// Each cohort's last period reached is in progress.
const RESULT: Pick<RetentionResult, 'period' | 'cohorts'> = {
  period: 'week',
  cohorts: [
    { start: '2026-09-28', size: 100, returned: [80, 60, 40], ended: 2 },
    { start: '2026-10-05', size: 50, returned: [20, 10, null], ended: 1 },
    { start: '2026-10-12', size: 0, returned: [0, null, null], ended: 0 },
  ],
};

const parse = (rgb: string) => rgb.match(/\d+/g)!.map(Number) as [number, number, number];

describe('cellShade', () => {
  it('goes from pale to deep blue as the share grows, clamped to [0, 1]', () => {
    expect(cellShade(0).background).toBe('rgb(238, 242, 253)');
    expect(cellShade(1).background).toBe('rgb(30, 58, 158)');
    expect(cellShade(-0.5)).toEqual(cellShade(0));
    expect(cellShade(7)).toEqual(cellShade(1));
    expect(cellShade(Number.NaN)).toEqual(cellShade(0));
    const sums = [0, 0.2, 0.4, 0.6, 0.8, 1].map((s) =>
      parse(cellShade(s).background).reduce((a, b) => a + b),
    );
    expect([...sums].sort((a, b) => b - a)).toEqual(sums);
  });

  it('keeps the text readable on every shade (WCAG AA, 4.5:1)', () => {
    for (let i = 0; i <= 100; i++) {
      const { background, color } = cellShade(i / 100);
      expect(contrast(parse(background), parse(color))).toBeGreaterThanOrEqual(4.5);
    }
    expect(cellShade(0).color).toBe('rgb(0, 0, 0)');
    expect(cellShade(1).color).toBe('rgb(255, 255, 255)');
  });
});

describe('cohort rows', () => {
  it('turns counts into shares of the cohort, marks the period in progress, leaves unreached ones empty', () => {
    expect(cohortRows(RESULT)).toEqual([
      {
        start: '2026-09-28',
        size: 100,
        cells: [
          { count: 80, size: 100, share: 0.8, inProgress: false },
          { count: 60, size: 100, share: 0.6, inProgress: false },
          { count: 40, size: 100, share: 0.4, inProgress: true },
        ],
      },
      {
        start: '2026-10-05',
        size: 50,
        cells: [
          { count: 20, size: 50, share: 0.4, inProgress: false },
          { count: 10, size: 50, share: 0.2, inProgress: true },
          null,
        ],
      },
      {
        start: '2026-10-12',
        size: 0,
        cells: [{ count: 0, size: 0, share: null, inProgress: true }, null, null],
      },
    ]);
  });

  it('reads the all-cohorts row from the curve, leaving out periods no cohort has ended', () => {
    const curve = [
      { period: 0, subjects: 150, returned: 150, rate: 1 },
      { period: 1, subjects: 150, returned: 100, rate: 100 / 150 },
      { period: 2, subjects: 100, returned: 60, rate: 0.6 },
      { period: 3, subjects: 0, returned: 0, rate: null },
    ];
    expect(averageRow({ curve })).toEqual([
      { count: 100, size: 150, share: 100 / 150, inProgress: false },
      { count: 60, size: 100, share: 0.6, inProgress: false },
      null,
    ]);
    expect(averageRow({ curve: [] })).toEqual([]);
  });
});

describe('the retention form', () => {
  it('starts from a sign-up event and the most frequent other event, skipping $ events', () => {
    expect(defaultEvents(['$identify', 'Feature Used', 'Dashboard Viewed', 'Signed Up'])).toEqual({
      startEvent: 'Signed Up',
      returnEvent: 'Feature Used',
    });
    expect(defaultEvents(['page_view', 'user_signup'])).toEqual({
      startEvent: 'user_signup',
      returnEvent: 'page_view',
    });
    expect(defaultEvents(['Opened'])).toEqual({ startEvent: 'Opened', returnEvent: 'Opened' });
    expect(defaultEvents(['$identify'])).toBeNull();
  });

  it('builds the query, or says what to fix', () => {
    const range = { from: '2026-09-25T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' };
    const draft = {
      ...defaultDraft(['Signed Up', 'Feature Used']),
      periods: '6',
      aggregateBy: 'account' as const,
    };
    expect(toRetentionQuery(draft, range)).toEqual({
      ok: true,
      value: {
        startEvent: 'Signed Up',
        returnEvent: 'Feature Used',
        period: 'week',
        periods: 6,
        aggregateBy: 'account',
        ...range,
      },
    });
    expect(toRetentionQuery({ ...draft, startEvent: ' ', returnEvent: '', periods: '1.5' }, range)).toEqual({
      ok: false,
      errors: [
        'Pick the event that starts a cohort.',
        'Pick the event that counts as coming back.',
        'Show 1 to 100 weeks.',
      ],
    });
    expect(toRetentionQuery({ ...draft, period: 'day', periods: '' }, range)).toMatchObject({
      errors: ['Show 1 to 100 days.'],
    });
  });
});
