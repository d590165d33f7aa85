import { type FunnelQuery } from '@bindery/contracts';
import { funnelSequencesQuery } from './funnel.query';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const RANGE = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 0, 31) };
const FUNNEL: FunnelQuery = {
  steps: [
    { event: 'Signed Up' },
    { event: 'Report Exported', where: { format: 'csv', rows: { op: 'gt', value: 10 } } },
  ],
  windowSeconds: 3_600,
  order: 'ordered',
  aggregateBy: 'user',
  from: '2026-01-01T00:00:00Z',
  to: '2026-01-31T00:00:00Z',
};

describe('funnelSequencesQuery', () => {
  it.each([
    ['ordered', FUNNEL],
    ['strict, by account, with a breakdown', { ...FUNNEL, order: 'strict', aggregateBy: 'account' }],
    [
      'unordered with a repeated step',
      { ...FUNNEL, order: 'unordered', steps: [...FUNNEL.steps, FUNNEL.steps[0]] },
    ],
  ] as [string, FunnelQuery][])('generates the reviewed SQL: %s', (_name, q) => {
    const breakdown = q.order === 'strict' ? { property: 'plan' } : undefined;

    expect(funnelSequencesQuery(PROJECT, q, RANGE, { breakdown })).toMatchSnapshot();
  });

  it('binds every input value, never splices it into the SQL', () => {
    const evil = "x' OR 1=1 --";
    const q: FunnelQuery = {
      ...FUNNEL,
      steps: [
        { event: evil, where: { [evil]: evil } },
        { event: 'ok', where: { n: { op: 'contains', value: evil } } },
      ],
    };
    const { query, params } = funnelSequencesQuery(PROJECT, q, RANGE, { breakdown: { property: evil } });

    expect(query).not.toContain("x'");
    expect(query).not.toContain(PROJECT);
    expect(Object.values(params).filter((v) => v === evil).length).toBeGreaterThanOrEqual(4);
  });

  it('removes retried rows only where they could change the result', () => {
    const ordered = funnelSequencesQuery(PROJECT, FUNNEL, RANGE).query;
    const repeated = funnelSequencesQuery(
      PROJECT,
      { ...FUNNEL, steps: [...FUNNEL.steps, ...FUNNEL.steps.slice(0, 1)] },
      RANGE,
    );

    expect(ordered).not.toContain('sipHash64(event_id)');
    expect(repeated.query).toContain('arrayDistinct(arraySort(');
    expect(funnelSequencesQuery(PROJECT, { ...FUNNEL, order: 'strict' }, RANGE).query).toContain(
      'sipHash64(event_id)',
    );
  });
});
