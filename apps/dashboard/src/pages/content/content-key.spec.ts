import type { SavedFunnel } from '@bindery/contracts';
import {
  describeContentKey,
  describeContentKeys,
  formatContentKey,
  parseContentKey,
  stallSteps,
} from './content-key';

const onboarding = {
  id: 'f1',
  name: 'Onboarding',
  steps: [{ event: 'Signed Up' }, { event: 'Project Created' }, { event: 'Invite Sent' }],
} as SavedFunnel;

describe('training content keys', () => {
  it('reads and writes a funnel step key and a feature key', () => {
    expect(parseContentKey('funnel:f1:step:3')).toEqual({ kind: 'funnel', funnelId: 'f1', step: 3 });
    expect(parseContentKey('alerts')).toEqual({ kind: 'feature', feature: 'alerts' });
    expect(parseContentKey('funnel:f1:step:x')).toEqual({ kind: 'feature', feature: 'funnel:f1:step:x' });
    expect(formatContentKey({ kind: 'funnel', funnelId: 'f1', step: 2 })).toBe('funnel:f1:step:2');
    expect(formatContentKey({ kind: 'feature', feature: ' alerts ' })).toBe('alerts');
  });

  it('offers the steps a stalled user can be short of: the second to the last, numbered from 1', () => {
    expect(stallSteps(onboarding)).toEqual([
      { step: 2, label: 'Step 2: Project Created' },
      { step: 3, label: 'Step 3: Invite Sent' },
    ]);
  });

  it('describes a key with the funnel’s name and the step’s event', () => {
    expect(describeContentKey('funnel:f1:step:3', [onboarding])).toBe('Onboarding, step 3: Invite Sent');
    expect(describeContentKey('funnel:f2:step:3', [onboarding])).toBe('A deleted funnel, step 3');
    expect(describeContentKey('alerts', [onboarding])).toBe('alerts');
  });

  it('tells the funnel step keys in a skip reason in words, leaving the rest as it is', () => {
    expect(
      describeContentKeys('no training content for funnel:f1:step:2 or for Project Created', [onboarding]),
    ).toBe('no training content for “Onboarding, step 2: Project Created” or for Project Created');
    expect(describeContentKeys('no email template named try-it', [onboarding])).toBe(
      'no email template named try-it',
    );
  });
});
