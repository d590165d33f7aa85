import { defaultGoal, goalOf, goalProblem } from './rule-goal';

describe('rule goals', () => {
  it('has a default goal per rule type', () => {
    expect(defaultGoal('feature_abandonment').event).toBe('$feature');
    expect(defaultGoal('never_adopted').event).toBe('$feature');
    expect(defaultGoal('funnel_stall').event).toBe('$next_step');
    expect(defaultGoal('inactivity').event).toBe('$any');
    expect(defaultGoal('usage_decline').event).toBe('$any');
    expect(defaultGoal('inactivity').goalDays).toBe(14);
    expect(goalOf('inactivity', { event: 'Upgraded', goalDays: 30 })).toEqual({
      event: 'Upgraded',
      goalDays: 30,
    });
    expect(goalOf('inactivity', null)).toEqual(defaultGoal('inactivity'));
  });

  it('refuses a goal the rule type cannot have, naming the field', () => {
    expect(goalProblem('inactivity', { event: '$feature', goalDays: 7 })).toMatch(/^goal\.event/);
    expect(goalProblem('inactivity', { event: '$next_step', goalDays: 7 })).toMatch(/^goal\.event/);
    expect(goalProblem('funnel_stall', { event: '$next_step', where: { plan: 'pro' }, goalDays: 7 })).toMatch(
      /^goal\.where/,
    );
    expect(goalProblem('never_adopted', { event: '$feature', goalDays: 7 })).toBeUndefined();
    expect(goalProblem('inactivity', { event: '$pageview', goalDays: 7 })).toBeUndefined();
  });
});
