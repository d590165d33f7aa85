import { featureDisplayName } from './training-email';

describe('featureDisplayName', () => {
  const features = [{ key: 'export', name: 'CSV export' }, { key: 'alerts' }];

  it('is the display name the project gave the feature', () => {
    expect(featureDisplayName(features, 'export')).toBe('CSV export');
  });

  it('else the key made readable', () => {
    expect(featureDisplayName(features, 'alerts')).toBe('Alerts');
    expect(featureDisplayName([], 'report_exported')).toBe('Report exported');
    expect(featureDisplayName([], 'reportExported')).toBe('Report exported');
    expect(featureDisplayName([], 'Report Shared')).toBe('Report Shared');
    expect(featureDisplayName([], 'data-import.v2')).toBe('Data import v2');
    expect(featureDisplayName([], '__')).toBe('__');
  });
});
