/** @jest-environment jsdom */
import type { EmailTemplate, Rule, SavedFunnel } from '@bindery/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RuleEditor } from './RuleEditor';
import { apiError, renderSignedIn, type Routes } from '../../testing/render';

const funnels = [
  { id: '01a208be-03cc-769b-b389-0079119f2bfe', name: 'Onboarding', steps: [{ event: 'A' }, { event: 'B' }] },
] as SavedFunnel[];
const templates = [{ id: 't1', name: 'next-step' }] as EmailTemplate[];
/** The feature and event names the editor suggests: none here. */
const NO_SUGGESTIONS: Routes = {
  'POST features/query': { body: { activeSubjects: 0, features: [] } },
  'GET event-definitions': { body: { definitions: [] } },
};

function renderEditor(api: Routes, rule?: Rule) {
  const saved = jest.fn();
  const { calls } = renderSignedIn(
    <RuleEditor rule={rule} funnels={funnels} templates={templates} onSaved={saved} onCancel={() => {}} />,
    { path: '/rules', api: { ...NO_SUGGESTIONS, ...api } },
  );
  return { saved, calls };
}

describe('RuleEditor', () => {
  it('creates a funnel stall rule that picks a saved funnel and sends a template', async () => {
    const { saved, calls } = renderEditor({
      'POST rules': (call) => ({ status: 201, body: { id: 'new', ...(call.body as object) } }),
    });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Name'), 'Stalled in onboarding');
    await user.selectOptions(screen.getByLabelText('Type'), 'funnel_stall');
    expect(screen.getByLabelText('Funnel')).toHaveProperty('value', funnels[0]!.id);
    await user.clear(screen.getByLabelText('Stalled for (hours)'));
    await user.type(screen.getByLabelText('Stalled for (hours)'), '24');
    await user.selectOptions(screen.getByLabelText('Action 1'), 'email');
    expect(screen.getByLabelText('Template of action 1')).toHaveProperty('value', 'next-step');
    await user.click(screen.getByRole('button', { name: 'Add an action' }));
    await user.selectOptions(screen.getByLabelText('Severity of action 2'), 'high');
    await user.click(screen.getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST' && c.path === 'rules')?.body).toEqual({
      name: 'Stalled in onboarding',
      type: 'funnel_stall',
      scope: 'user',
      params: { funnelId: funnels[0]!.id, stallHours: 24, lookbackDays: 14 },
      cooldownHours: 168,
      enabled: true,
      actions: [
        { kind: 'email', template: 'next-step' },
        { kind: 'task', severity: 'high' },
      ],
    });
  });

  it('shows the API’s refusal next to the form and keeps what was typed', async () => {
    const { saved } = renderEditor({
      'POST rules': apiError(
        400,
        'invalid_input',
        'params.idleDays must be shorter than params.lookbackDays, or the rule can never fire',
      ),
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'Abandoned');
    await user.selectOptions(screen.getByLabelText('Type'), 'feature_abandonment');
    await user.type(screen.getByLabelText('Feature'), 'alerts');
    await user.click(screen.getByRole('button', { name: 'Create rule' }));

    expect((await screen.findByRole('alert')).textContent).toContain('params.idleDays must be shorter');
    expect(saved).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Feature')).toHaveProperty('value', 'alerts');
  });

  it('changes an existing rule with a PATCH of its parameters; its type and scope stay', async () => {
    const rule: Rule = {
      id: 'r1',
      name: 'Account health',
      type: 'health_drop',
      scope: 'account',
      params: { threshold: 40, delta: 20, days: 14 },
      actions: [{ kind: 'email', template: 'gone-template' }],
      cooldownHours: 168,
      enabled: true,
      holdoutPct: 0,
      goal: { event: '$any', goalDays: 14 },
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const { saved, calls } = renderEditor({ 'PATCH rules/r1': { body: rule } }, rule);
    const user = userEvent.setup();

    expect(screen.getByLabelText('Type')).toHaveProperty('disabled', true);
    expect(screen.getByLabelText('Scope')).toHaveProperty('disabled', true);
    expect(screen.getByRole('option', { name: 'gone-template (no such template)' })).toBeTruthy();
    await user.clear(screen.getByLabelText('Below score (optional)'));
    await user.click(screen.getByRole('button', { name: 'Remove action 1' }));
    await user.click(screen.getByRole('button', { name: 'Save rule' }));

    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.filter((c) => c.method === 'PATCH')).toEqual([
      {
        method: 'PATCH',
        path: 'rules/r1',
        query: {},
        body: {
          name: 'Account health',
          params: { delta: 20, days: 14 },
          cooldownHours: 168,
          enabled: true,
          actions: [],
        },
      },
    ]);
  });
});
