import type { Rule, SavedFunnel } from '@bindery/contracts';
import { missingContent } from './content-check';

const rule = (over: Partial<Rule>): Rule =>
  ({
    id: 'r1',
    name: 'r',
    type: 'never_adopted',
    scope: 'user',
    params: { feature: 'export', days: 7 },
    actions: [{ kind: 'email', template: 'try-it' }],
    cooldownHours: 24,
    enabled: true,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }) as Rule;

const FUNNEL = {
  id: 'f1',
  name: 'Onboarding',
  steps: [{ event: 'Signed Up' }, { event: 'Project Created' }, { event: 'Invite Sent' }],
} as SavedFunnel;

describe('missingContent', () => {
  it('asks for the feature’s content, and nothing of a rule that sends no email', () => {
    expect(missingContent(rule({}), new Set(), [])).toEqual(['content for the feature “export”']);
    expect(missingContent(rule({}), new Set(['export']), [])).toEqual([]);
    expect(missingContent(rule({ actions: [{ kind: 'task', severity: 'high' }] }), new Set(), [])).toBeNull();
  });

  it('asks for each funnel step a stalled person is pointed to, by step key or by event', () => {
    const stall = rule({ type: 'funnel_stall', params: { funnelId: 'f1', stallHours: 24 } });
    expect(missingContent(stall, new Set(['funnel:f1:step:3']), [FUNNEL])).toEqual([
      'content for step 2 (“Project Created”) of “Onboarding”',
    ]);
    expect(missingContent(stall, new Set(['funnel:f1:step:3', 'Project Created']), [FUNNEL])).toEqual([]);
    expect(missingContent(stall, new Set(), [])).toEqual(['its funnel, which was deleted']);
  });

  it('says a rule that names no feature always skips its training emails', () => {
    expect(
      missingContent(rule({ type: 'inactivity', params: { days: 7 } }), new Set(['export']), []),
    ).toEqual(['a feature: this kind of rule names none, so its training emails are always skipped']);
  });
});
