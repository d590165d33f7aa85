import { choiceParam, patchParams } from './url-state';

describe('page state in the URL', () => {
  it('changes only the keys named, and removes a key set to null or empty', () => {
    const params = new URLSearchParams('days=14&q=acme&risk=1');
    expect(patchParams(params, { q: 'birch', risk: null, sort: '-mrr', abc: '' }).toString()).toBe(
      'days=14&q=birch&sort=-mrr',
    );
    expect(params.toString()).toBe('days=14&q=acme&risk=1');
  });

  it('reads a choice from a fixed list, else the fallback', () => {
    expect(choiceParam('14', [7, 14, 30] as const, 30)).toBe(14);
    expect(choiceParam(Number('14'), [7, 14, 30] as const, 30)).toBe(14);
    expect(choiceParam('15', [7, 14, 30] as const, 30)).toBe(30);
    expect(choiceParam(null, ['user', 'account'] as const, 'user')).toBe('user');
  });
});
