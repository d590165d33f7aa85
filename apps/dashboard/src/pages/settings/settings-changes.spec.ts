import type { ProjectSettings } from '@bindery/contracts';
import {
  brandChanges,
  brandDraft,
  parseWeights,
  refusedField,
  weightChanges,
  weightShares,
  weightsDraft,
  withBrandChanges,
  withWeightChanges,
} from './settings-changes';

const WEIGHTS = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10, sentiment: 0 };

describe('brand changes', () => {
  const saved = { primaryColor: '#0f766e', senderName: 'Acme', postalAddress: '1 Main St' };

  it('names only the fields the draft changes: a new value, or null for one emptied', () => {
    const draft = {
      ...brandDraft(saved),
      primaryColor: '#7C2D12',
      senderName: '  Acme  ',
      postalAddress: '',
      logoUrl: ' https://cdn.acme.example/logo.png ',
    };
    expect(brandChanges(saved, draft)).toEqual({
      primaryColor: '#7C2D12',
      postalAddress: null,
      logoUrl: 'https://cdn.acme.example/logo.png',
    });
    expect(brandChanges(saved, brandDraft(saved))).toEqual({});
  });

  it('applies them over the latest settings, keeping what others saved meanwhile', () => {
    const latest: ProjectSettings = {
      healthWeights: WEIGHTS,
      keyFeatures: ['export'],
      timeZone: 'Europe/Berlin',
      brand: { ...saved, senderAddress: 'training@acme.example' },
    };
    expect(withBrandChanges(latest, { primaryColor: '#7c2d12', postalAddress: null })).toEqual({
      brand: { primaryColor: '#7c2d12', senderName: 'Acme', senderAddress: 'training@acme.example' },
    });
    expect(
      withBrandChanges({ healthWeights: WEIGHTS, keyFeatures: [] }, { senderName: 'Acme' }).brand,
    ).toEqual({
      senderName: 'Acme',
    });
  });
});

describe('weight changes', () => {
  it('reads the draft as numbers for the API to check, but names a field left empty', () => {
    const draft = { ...weightsDraft(WEIGHTS), trend: '500', signals: '2.5' };
    expect(parseWeights(draft).weights).toEqual({ ...WEIGHTS, trend: 500, signals: 2.5 });
    expect(parseWeights({ ...draft, breadth: ' ' })).toEqual({ missing: 'breadth' });
  });

  it('sends the changed weights only, over the latest ones', () => {
    const changes = weightChanges(WEIGHTS, { ...WEIGHTS, sentiment: 20 });
    expect(changes).toEqual({ sentiment: 20 });
    const latest: ProjectSettings = { healthWeights: { ...WEIGHTS, recency: 40 }, keyFeatures: [] };
    expect(withWeightChanges(latest, changes).healthWeights).toEqual({
      ...WEIGHTS,
      recency: 40,
      sentiment: 20,
    });
  });

  it('shows each weight as its share of the sum, none when the sum is 0', () => {
    const { sum, shares } = weightShares({ ...weightsDraft(WEIGHTS), sentiment: '100', trend: '' });
    expect(sum).toBe(185);
    expect(shares.sentiment).toBeCloseTo(100 / 185);
    expect(shares.trend).toBe(0);
    const zero = weightShares(
      weightsDraft({ ...WEIGHTS, recency: 0, activeShare: 0, breadth: 0, trend: 0, signals: 0 }),
    );
    expect(zero.sum).toBe(0);
    expect(Object.values(zero.shares).every((s) => s === null)).toBe(true);
  });
});

describe('refusedField', () => {
  const fields = ['brand.primaryColor', 'brand.senderAddress', 'healthWeights.recency'] as const;

  it('finds the field an API refusal names first, with or without the body prefix', () => {
    expect(refusedField('body.brand.primaryColor must match pattern "^#[0-9a-fA-F]{6}$"', fields)).toBe(
      'brand.primaryColor',
    );
    expect(refusedField('brand.senderAddress must be a plain address', fields)).toBe('brand.senderAddress');
    expect(refusedField('body.healthWeights.recency must be <= 100', fields)).toBe('healthWeights.recency');
  });

  it('names none for a refusal about another field or no field', () => {
    expect(refusedField('webhook.url is a private address', fields)).toBeUndefined();
    expect(
      refusedField('Bindery did not answer. Check that it is running, then retry.', fields),
    ).toBeUndefined();
  });
});
