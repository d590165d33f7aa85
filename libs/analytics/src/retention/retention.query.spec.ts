import { type RetentionQuery } from '@bindery/contracts';
import { retentionQuery } from './retention.query';

const P = '0190f000-0000-7000-8000-000000000001';
const Q: RetentionQuery = {
  startEvent: 'Signed Up',
  returnEvent: 'Report Exported',
  period: 'week',
  periods: 8,
  from: '2024-09-02T00:00:00Z',
  to: '2024-11-04T00:00:00Z',
  aggregateBy: 'user',
};
const RANGE = { cohortsFrom: Date.UTC(2024, 8, 2), to: Date.UTC(2024, 10, 4) };

/** The SQL of the retention report for a fixed input, kept for review. */
describe('retention query', () => {
  it.each([
    ['weekly, users', Q],
    ['daily, accounts', { ...Q, period: 'day', periods: 14, aggregateBy: 'account' }],
  ] as [string, RetentionQuery][])('%s', (_name, q) => {
    expect(retentionQuery(P, q, RANGE, 'Europe/Berlin')).toMatchSnapshot();
  });

  it('binds the events as parameters', () => {
    const evil = "x' OR 1=1 --";

    expect(
      retentionQuery(P, { ...Q, startEvent: evil, returnEvent: evil }, RANGE, 'UTC').query,
    ).not.toContain(evil);
  });
});
