import { type FunnelStallParams } from '@bindery/contracts';
import { evaluateFunnelStall, type FunnelProgress } from './funnel-stall.rule';

const HOUR = 3_600_000;
const FUNNEL_ID = '3f1c7a52-8a0e-4c55-9a57-2d1f0f6b1a01';
const P: FunnelStallParams = { funnelId: FUNNEL_ID, stallHours: 24, lookbackDays: 30 };
const STEPS = ['signed_up', 'project_created', 'teammate_invited'];

const at = (iso: string) => Date.parse(iso);
const STARTED = at('2024-05-01T09:00:00.000Z');
const CREATED = at('2024-05-01T12:00:00.000Z');

const ana: FunnelProgress = {
  subject: { userId: 'ana', accountId: 'acme' },
  reach: 2,
  stepTimes: [STARTED, CREATED],
};

describe('evaluateFunnelStall', () => {
  it('fires exactly stallHours after the subject reached its last step', () => {
    expect(evaluateFunnelStall(P, CREATED + 24 * HOUR, STEPS, [ana])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'step:2:from:2024-05-01T09:00:00.000Z',
        details: {
          funnelId: FUNNEL_ID,
          step: 2,
          stepEvent: 'project_created',
          nextStep: 3,
          nextStepEvent: 'teammate_invited',
          reachedStepAt: '2024-05-01T12:00:00.000Z',
          hoursStalled: 24,
        },
      },
    ]);
  });

  it('does not fire a millisecond before stallHours have passed', () => {
    expect(evaluateFunnelStall(P, CREATED + 24 * HOUR - 1, STEPS, [ana])).toEqual([]);
  });

  it('counts the hours from the step reached last, not from the start of the path', () => {
    // 27 hours after step 1, but only 24 - 1 ms after step 2.
    expect(evaluateFunnelStall(P, STARTED + 27 * HOUR - 1, STEPS, [ana])).toEqual([]);
  });

  it('rounds the hours stalled down', () => {
    const [signal] = evaluateFunnelStall(P, CREATED + 26 * HOUR - 1, STEPS, [ana]);
    expect(signal?.details.hoursStalled).toBe(25);
  });

  it('names the next step for a subject stalled at the first step', () => {
    const bo: FunnelProgress = { subject: { userId: 'bo' }, reach: 1, stepTimes: [STARTED] };
    expect(evaluateFunnelStall(P, STARTED + 24 * HOUR, STEPS, [bo])).toEqual([
      {
        subject: { userId: 'bo' },
        periodKey: 'step:1:from:2024-05-01T09:00:00.000Z',
        details: {
          funnelId: FUNNEL_ID,
          step: 1,
          stepEvent: 'signed_up',
          nextStep: 2,
          nextStepEvent: 'project_created',
          reachedStepAt: '2024-05-01T09:00:00.000Z',
          hoursStalled: 24,
        },
      },
    ]);
  });

  it('does not fire for a subject at the last step', () => {
    const done: FunnelProgress = {
      subject: { userId: 'done' },
      reach: 3,
      stepTimes: [STARTED, CREATED, at('2024-05-01T13:00:00.000Z')],
    };
    expect(evaluateFunnelStall(P, CREATED + 1_000 * HOUR, STEPS, [done])).toEqual([]);
  });

  it('does not fire for a subject that has not reached the first step', () => {
    const none: FunnelProgress = { subject: { userId: 'none' }, reach: 0, stepTimes: [] };
    expect(evaluateFunnelStall(P, CREATED + 1_000 * HOUR, STEPS, [none])).toEqual([]);
  });

  it('never fires on a funnel of one step', () => {
    const bo: FunnelProgress = { subject: { userId: 'bo' }, reach: 1, stepTimes: [STARTED] };
    expect(evaluateFunnelStall(P, STARTED + 1_000 * HOUR, ['signed_up'], [bo])).toEqual([]);
  });

  it('keeps the period key while the subject stays stalled on the same path and step', () => {
    const keys = [24, 25, 500].map(
      (hours) => evaluateFunnelStall(P, CREATED + hours * HOUR, STEPS, [ana])[0]?.periodKey,
    );
    expect(keys).toEqual([
      'step:2:from:2024-05-01T09:00:00.000Z',
      'step:2:from:2024-05-01T09:00:00.000Z',
      'step:2:from:2024-05-01T09:00:00.000Z',
    ]);
  });

  it('gives a new step or a new path a new period key', () => {
    const now = at('2024-05-20T00:00:00.000Z');
    const atStep1: FunnelProgress = { ...ana, reach: 1, stepTimes: [STARTED] };
    const newPath: FunnelProgress = {
      ...ana,
      stepTimes: [at('2024-05-10T08:00:00.000Z'), at('2024-05-10T08:30:00.000Z')],
    };
    expect(evaluateFunnelStall(P, now, STEPS, [atStep1, ana, newPath]).map((d) => d.periodKey)).toEqual([
      'step:1:from:2024-05-01T09:00:00.000Z',
      'step:2:from:2024-05-01T09:00:00.000Z',
      'step:2:from:2024-05-10T08:00:00.000Z',
    ]);
  });

  it('keeps the order of the subjects and leaves out those still within stallHours', () => {
    const fresh: FunnelProgress = {
      subject: { userId: 'fresh' },
      reach: 2,
      stepTimes: [STARTED, CREATED + HOUR],
    };
    const bo: FunnelProgress = { subject: { userId: 'bo' }, reach: 1, stepTimes: [STARTED] };
    expect(
      evaluateFunnelStall(P, CREATED + 24 * HOUR, STEPS, [ana, fresh, bo]).map((d) => d.subject),
    ).toEqual([{ userId: 'ana', accountId: 'acme' }, { userId: 'bo' }]);
  });
});
