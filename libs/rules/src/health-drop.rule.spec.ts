import { type HealthDropParams } from '@bindery/contracts';
import { evaluateHealthDrop, type HealthHistory } from './health-drop.rule';

/** 19_874 is 2024-05-31. */
const TODAY = 19_874;

const history = (accountId: string, scores: [daysAgo: number, score: number][]): HealthHistory => ({
  accountId,
  scores: scores.map(([daysAgo, score]) => ({ day: TODAY - daysAgo, score })),
});

describe('evaluateHealthDrop', () => {
  describe('by threshold', () => {
    const p: HealthDropParams = { threshold: 40, days: 14 };

    it('fires when the score today is below the threshold', () => {
      expect(evaluateHealthDrop(p, TODAY, [history('acme', [[0, 39]])])).toEqual([
        {
          subject: { accountId: 'acme' },
          periodKey: 'day:2024-05-31',
          details: { score: 39, peak: 39, threshold: 40, delta: null, days: 14 },
        },
      ]);
    });

    it('does not fire on a score equal to the threshold', () => {
      expect(evaluateHealthDrop(p, TODAY, [history('acme', [[0, 40]])])).toEqual([]);
    });

    it('does not fire on a fall when no delta is set', () => {
      expect(
        evaluateHealthDrop(p, TODAY, [
          history('acme', [
            [1, 100],
            [0, 40],
          ]),
        ]),
      ).toEqual([]);
    });

    it('reads only the score of today', () => {
      expect(
        evaluateHealthDrop(p, TODAY, [
          history('acme', [
            [1, 10],
            [-1, 10],
          ]),
        ]),
      ).toEqual([]);
    });
  });

  describe('by delta', () => {
    const p: HealthDropParams = { delta: 20, days: 14 };

    it('fires when the score today is delta points under the highest of the days before', () => {
      const acme = history('acme', [
        [14, 70],
        [7, 60],
        [1, 55],
        [0, 50],
      ]);
      expect(evaluateHealthDrop(p, TODAY, [acme])).toEqual([
        {
          subject: { accountId: 'acme' },
          periodKey: 'day:2024-05-31',
          details: { score: 50, peak: 70, threshold: null, delta: 20, days: 14 },
        },
      ]);
    });

    it('does not fire on a fall of one point less than delta', () => {
      expect(
        evaluateHealthDrop(p, TODAY, [
          history('acme', [
            [14, 70],
            [0, 51],
          ]),
        ]),
      ).toEqual([]);
    });

    it('does not count a score from before the `days` before today', () => {
      expect(
        evaluateHealthDrop(p, TODAY, [
          history('acme', [
            [15, 90],
            [3, 60],
            [0, 50],
          ]),
        ]),
      ).toEqual([]);
    });

    it('does not fire without an earlier score, whatever the score today', () => {
      expect(evaluateHealthDrop(p, TODAY, [history('acme', [[0, 1]])])).toEqual([]);
    });

    it('does not fire on a low score that did not fall when no threshold is set', () => {
      expect(
        evaluateHealthDrop(p, TODAY, [
          history('acme', [
            [5, 10],
            [0, 10],
          ]),
        ]),
      ).toEqual([]);
    });
  });

  describe('by threshold and delta', () => {
    const p: HealthDropParams = { threshold: 40, delta: 20, days: 14 };

    it('fires on either and reports both', () => {
      const low = history('low', [
        [3, 45],
        [0, 35],
      ]);
      const fell = history('fell', [
        [3, 90],
        [0, 70],
      ]);
      const fine = history('fine', [
        [3, 89],
        [0, 70],
      ]);
      expect(evaluateHealthDrop(p, TODAY, [low, fine, fell])).toEqual([
        {
          subject: { accountId: 'low' },
          periodKey: 'day:2024-05-31',
          details: { score: 35, peak: 45, threshold: 40, delta: 20, days: 14 },
        },
        {
          subject: { accountId: 'fell' },
          periodKey: 'day:2024-05-31',
          details: { score: 70, peak: 90, threshold: 40, delta: 20, days: 14 },
        },
      ]);
    });

    it('gives each day its own period key', () => {
      const acme: HealthHistory = {
        accountId: 'acme',
        scores: [
          { day: TODAY, score: 30 },
          { day: TODAY + 1, score: 30 },
        ],
      };
      expect(evaluateHealthDrop(p, TODAY + 1, [acme])).toEqual([
        {
          subject: { accountId: 'acme' },
          periodKey: 'day:2024-06-01',
          details: { score: 30, peak: 30, threshold: 40, delta: 20, days: 14 },
        },
      ]);
    });

    it('takes the peak from the days before today only, not from today or later', () => {
      const acme = history('acme', [
        [3, 20],
        [0, 30],
        [-1, 90],
      ]);
      expect(evaluateHealthDrop(p, TODAY, [acme])).toEqual([
        {
          subject: { accountId: 'acme' },
          periodKey: 'day:2024-05-31',
          details: { score: 30, peak: 20, threshold: 40, delta: 20, days: 14 },
        },
      ]);
    });

    it('does not fire for an account without a score today', () => {
      expect(evaluateHealthDrop(p, TODAY, [history('acme', [[1, 0]])])).toEqual([]);
    });
  });

  it('never fires with neither a threshold nor a delta', () => {
    expect(
      evaluateHealthDrop({ days: 14 }, TODAY, [
        history('acme', [
          [1, 100],
          [0, 0],
        ]),
      ]),
    ).toEqual([]);
  });
});
