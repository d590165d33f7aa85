import type { Rule, RuleRun } from '@bindery/contracts';
import { isRunFinished, summarizeRun } from './run-summary';

const run = (over: Partial<RuleRun>): RuleRun => ({
  id: 'run1',
  status: 'done',
  trigger: 'manual',
  counts: {},
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  finishedAt: '2026-01-01T00:00:03.000Z',
  ...over,
});

describe('run summary', () => {
  it('names the rules of the per-rule counts, most signals first, apart from the totals', () => {
    const rules = [
      { id: 'a', name: 'Accounts going quiet' },
      { id: 'b', name: 'Users going quiet' },
    ] as Rule[];
    expect(
      summarizeRun(run({ counts: { accountsScored: 40, signals: 7, a: 2, b: 5, gone: 0 } }), rules),
    ).toEqual({
      signals: 7,
      accountsScored: 40,
      perRule: [
        { ruleId: 'b', name: 'Users going quiet', signals: 5 },
        { ruleId: 'a', name: 'Accounts going quiet', signals: 2 },
        { ruleId: 'gone', name: 'A deleted rule', signals: 0 },
      ],
    });
  });

  it('adds the per-rule counts up when the total is missing', () => {
    expect(summarizeRun(run({ counts: { a: 2, b: 3 } }), [])).toMatchObject({
      signals: 5,
      accountsScored: null,
    });
  });

  it('is finished once done or failed', () => {
    expect(['queued', 'running', 'done', 'failed'].map((status) => isRunFinished(run({ status })))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(isRunFinished(undefined)).toBe(false);
  });
});
