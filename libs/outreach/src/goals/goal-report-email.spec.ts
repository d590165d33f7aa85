import { type GoalRow, type GoalSnapshotRow } from '@bindery/db';
import { formatGoalValue, goalReportEmail } from './goal-report-email';

const goal = (over: Partial<GoalRow>): GoalRow => ({
  id: '0190f5a4-8c1e-7b2a-9d3f-000000000001',
  project_id: '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f',
  name: 'Retention',
  metric: 'logo_retention',
  params: { days: 28 },
  target: 80,
  direction: 'at_least',
  cadence: 'weekly',
  created_by: 'api',
  created_at: new Date(0),
  updated_at: new Date(0),
  ...over,
});
const snapshot = (start: string, value: number | null, onTrack: boolean, target = 80): GoalSnapshotRow => ({
  goal_id: '0190f5a4-8c1e-7b2a-9d3f-000000000001',
  period_start: new Date(start),
  period_end: new Date(Date.parse(start) + 7 * 86_400_000),
  value,
  target,
  on_track: onTrack,
  computed_at: new Date(0),
});

describe('goals report email', () => {
  it('says of each goal whether it is on track and how it moved, every value escaped', () => {
    const email = goalReportEmail(
      'Acme <b>',
      [
        {
          goal: goal({ name: '<script>x</script> & co' }),
          snapshot: snapshot('2026-11-23T00:00:00Z', 82.5, true),
          previous: snapshot('2026-11-16T00:00:00Z', 79, false),
        },
        {
          goal: goal({ name: 'NPS', metric: 'nps', target: 30 }),
          snapshot: snapshot('2026-11-23T00:00:00Z', 12, false, 30),
          previous: undefined,
        },
      ],
      'https://bindery.example.com/outcomes',
    );
    expect(email.subject).toBe('Acme <b>: 1 of 2 goals on track (the week of 23 Nov 2026)');
    expect(email.html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; co');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain(
      '- <script>x</script> & co: 82.5 % against a target of 80 %, on track. Up 3.5 points',
    );
    expect(email.text).toContain('- NPS: +12 against a target of +30, off track. First period measured.');
  });

  it('writes each metric with its unit', () => {
    expect(formatGoalValue('customer_age', 412.25)).toBe('412.25 days');
    expect(formatGoalValue('repeat_use', 3)).toBe('3 periods');
    expect(formatGoalValue('nps', -5)).toBe('-5');
    expect(formatGoalValue('average_health', 71.5)).toBe('71.5');
  });
});
