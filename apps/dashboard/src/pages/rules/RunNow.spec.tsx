/** @jest-environment jsdom */
import type { Rule, RuleRun } from '@bindery/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RunPanel, useRuleRun } from './RunNow';
import { renderSignedIn } from '../../testing/render';

const rules = [{ id: 'r1', name: 'Users going quiet' }] as Rule[];

function RunNow() {
  const run = useRuleRun();
  return (
    <>
      <button type="button" onClick={run.start} disabled={run.busy}>
        {run.busy ? 'Running…' : 'Run now'}
      </button>
      <RunPanel run={run.run} error={run.error} rules={rules} onDismiss={run.dismiss} />
    </>
  );
}

describe('Run now', () => {
  it('queues a run, follows it until it is done, and shows the signals per rule', async () => {
    const queued: RuleRun = {
      id: 'run1',
      status: 'queued',
      trigger: 'manual',
      counts: {},
      error: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      startedAt: null,
      finishedAt: null,
    };
    let polls = 0;
    const { calls } = renderSignedIn(<RunNow />, {
      path: '/rules',
      api: {
        'POST rules/run': { status: 202, body: queued },
        'GET rules/runs/run1': () => {
          polls += 1;
          return polls < 2
            ? { body: { ...queued, status: 'running', startedAt: '2026-01-01T00:00:01.000Z' } }
            : {
                body: {
                  ...queued,
                  status: 'done',
                  startedAt: '2026-01-01T00:00:01.000Z',
                  finishedAt: '2026-01-01T00:00:04.000Z',
                  counts: { accountsScored: 40, signals: 3, r1: 3 },
                },
              };
        },
      },
    });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Run now' }));

    expect(await screen.findByText('Evaluating the enabled rules…')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Running…' })).toHaveProperty('disabled', true);
    expect(await screen.findByRole('heading', { name: 'Run finished' }, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText(/new signals from 1 rule; 40 accounts scored in 3s/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Tasks' })).toBeTruthy();
    expect(screen.getByRole('listitem').textContent).toBe('Users going quiet3');
    expect(screen.getByRole('button', { name: 'Run now' })).toHaveProperty('disabled', false);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('heading', { name: 'Run finished' })).toBeNull();
  });
});
