import { emptyFunnelForm, type FunnelForm } from './funnel-form';
import { funnelFromParam, funnelToParam } from './funnel-url';

const FUNNEL: FunnelForm = {
  steps: [
    { key: 1, event: 'Signed Up', filters: [] },
    { key: 2, event: 'Report Created', filters: [{ property: 'plan', op: 'eq', value: '"pro"' }] },
    { key: 3, event: 'Report Shared', filters: [{ property: 'size', op: 'is_set', value: '' }] },
  ],
  order: 'strict',
  windowSeconds: 86_400,
  aggregateBy: 'account',
  breakdown: 'country',
};

describe('the funnel in the URL', () => {
  it('comes back as it was written, filters and breakdown included', () => {
    expect(funnelFromParam(funnelToParam(FUNNEL))).toEqual(FUNNEL);
    expect(funnelFromParam(funnelToParam(emptyFunnelForm()))).toEqual(emptyFunnelForm());
  });

  it('survives the query string’s own encoding', () => {
    const params = new URLSearchParams({ f: funnelToParam(FUNNEL) });
    expect(funnelFromParam(new URLSearchParams(params.toString()).get('f'))).toEqual(FUNNEL);
  });

  it('is null for a missing, broken or edited parameter, never a half-read funnel', () => {
    expect(funnelFromParam(null)).toBeNull();
    expect(funnelFromParam('{"s":[')).toBeNull();
    expect(funnelFromParam('42')).toBeNull();
    expect(funnelFromParam(JSON.stringify({ s: [], o: 'ordered', w: 3600, a: 'user' }))).toBeNull();
    expect(
      funnelFromParam(JSON.stringify({ s: [{ e: 'A' }], o: 'sideways', w: 3600, a: 'user' })),
    ).toBeNull();
    expect(funnelFromParam(JSON.stringify({ s: [{ e: 'A' }], o: 'ordered', w: 5, a: 'user' }))).toBeNull();
  });

  it('drops filters with an unknown operator and cuts overlong text', () => {
    const raw = JSON.stringify({
      s: [
        {
          e: 'x'.repeat(500),
          f: [
            ['p', 'like', 'v'],
            ['q', 'eq', 'w'],
          ],
        },
        { e: 'B' },
      ],
      o: 'ordered',
      w: 3600,
      a: 'user',
    });
    const form = funnelFromParam(raw)!;
    expect(form.steps[0]!.event).toHaveLength(200);
    expect(form.steps[0]!.filters).toEqual([{ property: 'q', op: 'eq', value: 'w' }]);
  });
});
