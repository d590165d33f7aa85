import { featureRows } from './feature-rows';

describe('featureRows', () => {
  it('adds the share of each feature’s subjects that abandoned it', () => {
    const feature = {
      feature: 'export',
      name: 'Export',
      subjects: 200,
      shareOfActive: 0.5,
      firstUsedAt: '2026-10-25T00:00:00.000Z',
      repeatRate: 0.8,
      abandoned: 50,
    };
    expect(
      featureRows({
        activeSubjects: 400,
        features: [feature, { ...feature, feature: 'none', subjects: 0, abandoned: 0 }],
      }),
    ).toEqual([
      { ...feature, abandonedShare: 0.25 },
      { ...feature, feature: 'none', subjects: 0, abandoned: 0, abandonedShare: 0 },
    ]);
  });
});
