import { pointChange, relativeChange } from './change';

describe('changes against the previous period', () => {
  it('states a count’s change relative to before, and a share’s in points', () => {
    expect(relativeChange(112, 100)).toEqual({ text: '+12%', direction: 'up' });
    expect(relativeChange(95, 100)).toEqual({ text: '−5%', direction: 'down' });
    expect(relativeChange(101, 99)).toEqual({ text: '+2.0%', direction: 'up' });
    expect(relativeChange(3, 0)).toEqual({ text: 'new', direction: 'up' });
    expect(relativeChange(0, 0)).toEqual({ text: '0%', direction: 'flat' });
    expect(pointChange(0.431, 0.4)).toEqual({ text: '+3.1 pp', direction: 'up' });
    expect(pointChange(0.25, 0.5)).toEqual({ text: '−25 pp', direction: 'down' });
  });
});
