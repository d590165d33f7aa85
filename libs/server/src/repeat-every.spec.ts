import { repeatEvery } from './repeat-every';

describe('repeatEvery', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the task each interval, goes on after a failure, and stops when told', async () => {
    const runs: number[] = [];
    const errors: unknown[] = [];
    const stop = repeatEvery(
      1_000,
      async () => {
        runs.push(Date.now());
        if (runs.length === 2) throw new Error('second run failed');
      },
      (error) => errors.push(error),
    );

    await jest.advanceTimersByTimeAsync(3_500);
    stop();
    await jest.advanceTimersByTimeAsync(5_000);

    expect(runs).toHaveLength(3);
    expect(errors).toEqual([new Error('second run failed')]);
  });
});
