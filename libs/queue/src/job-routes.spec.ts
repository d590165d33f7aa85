import { JOB_QUEUE, QUEUES } from './queues';
import { jobRouteProblems } from './job-routes';

const ALL = [
  { processor: 'RulesProcessor', jobs: ['evaluate-rules'] },
  { processor: 'SignalsProcessor', jobs: ['signals', 'signal', 'signals-resolved'] },
  { processor: 'EmailSenderProcessor', jobs: ['send-emails', 'send-email', 'feedback-shipped'] },
  { processor: 'WebhookProcessor', jobs: ['send-webhook'] },
  { processor: 'DigestProcessor', jobs: ['csm-digest', 'goal-report'] },
];

describe('jobRouteProblems', () => {
  it('finds none when each job of each queue has one processor', () => {
    expect(jobRouteProblems(JOB_QUEUE, ALL)).toEqual([]);
  });

  it('asks nothing of the queues an app does not work on (the api only adds jobs)', () => {
    expect(jobRouteProblems(JOB_QUEUE, [])).toEqual([]);
    expect(jobRouteProblems(JOB_QUEUE, [ALL[0]!])).toEqual([]);
  });

  it('names a job of a worked queue that no processor handles', () => {
    expect(jobRouteProblems({ ...JOB_QUEUE, 'fake-job': QUEUES.signals }, ALL)).toEqual([
      'job fake-job (queue signals) has no processor',
    ]);
  });

  it('names a job handled twice, and a queue with two processors', () => {
    expect(jobRouteProblems(JOB_QUEUE, [...ALL, { processor: 'Other', jobs: ['signal'] }])).toEqual([
      'queue signals has 2 processors: SignalsProcessor, Other',
      'job signal has 2 processors: SignalsProcessor, Other',
    ]);
  });

  it('names a handler of a job that no queue carries', () => {
    expect(
      jobRouteProblems(JOB_QUEUE, [...ALL.slice(1), { processor: 'RulesProcessor', jobs: ['gone'] }]),
    ).toEqual(['RulesProcessor handles job gone, which no queue carries']);
  });
});
