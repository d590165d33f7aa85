/** @jest-environment jsdom */
import type { Rule } from '@bindery/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RuleList } from './RuleList';
import { apiError, renderSignedIn, type Routes } from '../../testing/render';

const rule: Rule = {
  id: 'r1',
  name: 'Users going quiet',
  type: 'inactivity',
  scope: 'user',
  params: { days: 14, lookbackDays: 30 },
  actions: [{ kind: 'task', severity: 'low' }, { kind: 'notify_csm' }],
  cooldownHours: 168,
  enabled: true,
  holdoutPct: 0,
  goal: { event: '$any', goalDays: 14 },
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const renderList = (rules: Rule[], templateNames: string[] | null = null, api: Routes = {}) =>
  renderSignedIn(<RuleList rules={rules} funnels={[]} templateNames={templateNames} />, {
    path: '/rules',
    api,
  });

describe('RuleList', () => {
  it('shows each rule with its parameters, cooldown and actions', () => {
    renderList([rule]);
    expect(screen.getByRole('link', { name: 'Users going quiet' }).getAttribute('href')).toBe(
      '/rules?edit=r1',
    );
    expect(screen.getByText('Quiet 14 days after activity in the 30 before')).toBeTruthy();
    expect(screen.getByText('7 days')).toBeTruthy();
    expect(screen.getByText('Task (low)')).toBeTruthy();
    expect(screen.getByText('Notify CSM')).toBeTruthy();
  });

  it('flags an email action whose template does not exist', () => {
    const emails: Rule = {
      ...rule,
      actions: [
        { kind: 'email', template: 'next-step' },
        { kind: 'email', template: 'getting-started' },
      ],
    };
    renderList([emails], ['next-step']);
    expect(screen.getByText('Email: next-step').className).toBe('badge info');
    expect(screen.getByText('Email: getting-started (missing)').className).toBe('badge warn');
  });

  it('switches a rule off with a PATCH of enabled alone', async () => {
    const { calls } = renderList([rule], null, { 'PATCH rules/r1': { body: { ...rule, enabled: false } } });
    await userEvent.setup().click(screen.getByRole('switch', { name: 'Enabled: Users going quiet' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls).toEqual([{ method: 'PATCH', path: 'rules/r1', query: {}, body: { enabled: false } }]);
  });

  it('deletes only once the deletion is confirmed', async () => {
    const { calls } = renderList([rule], null, { 'DELETE rules/r1': { status: 204 } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete Users going quiet' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Delete Users going quiet' }));
    expect(screen.getByRole('group', { name: 'Confirm deleting Users going quiet' }).textContent).toContain(
      'Its signals go with it.',
    );
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() =>
      expect(calls).toEqual([{ method: 'DELETE', path: 'rules/r1', query: {}, body: undefined }]),
    );
  });

  it('keeps the confirmation open with the API’s reason when the deletion fails', async () => {
    renderList([rule], null, { 'DELETE rules/r1': apiError(404, 'not_found', 'Rule r1 not found') });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete Users going quiet' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Rule r1 not found');
    expect(screen.getByRole('group', { name: 'Confirm deleting Users going quiet' })).toBeTruthy();
  });
});
