/** @jest-environment jsdom */
import { useState } from 'react';
import type { FunnelQuery } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FunnelBuilder } from './FunnelBuilder';
import { emptyFunnelForm, type FormError, toFunnelQuery } from './funnel-form';

const range = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };
const OPTIONS = ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'].map((name) => ({ name }));

/** The builder as the page holds it: the form in state, Run checked by toFunnelQuery. */
function Harness({
  onQuery,
  apiError = null,
}: {
  onQuery: (q: FunnelQuery) => void;
  apiError?: string | null;
}) {
  const [form, setForm] = useState(emptyFunnelForm);
  const [errors, setErrors] = useState<FormError[]>([]);
  return (
    <FunnelBuilder
      form={form}
      onChange={setForm}
      options={OPTIONS}
      range={<span>the last 30 days</span>}
      errors={errors}
      apiError={apiError}
      running={false}
      onRun={() => {
        const checked = toFunnelQuery(form, range);
        if (checked.ok) onQuery(checked.value);
        setErrors(checked.ok ? [] : checked.errors);
      }}
    />
  );
}

const stepInputs = () => screen.getAllByRole('combobox', { name: /^Step \d+$/ }) as HTMLInputElement[];

describe('FunnelBuilder', () => {
  it('builds steps, reorders and removes them, and runs the funnel it shows', async () => {
    const user = userEvent.setup();
    const queries: FunnelQuery[] = [];
    render(<Harness onQuery={(q) => queries.push(q)} />);

    expect(screen.getByRole('button', { name: 'Remove step 1' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: '+ Add step' }));
    await user.type(screen.getByRole('combobox', { name: 'Step 1' }), 'Project Created');
    await user.type(screen.getByRole('combobox', { name: 'Step 2' }), 'Signed Up');
    await user.type(screen.getByRole('combobox', { name: 'Step 3' }), 'Invite Sent');
    await user.click(screen.getByRole('button', { name: 'Move step 2 up' }));
    expect(stepInputs().map((i) => i.value)).toEqual(['Signed Up', 'Project Created', 'Invite Sent']);
    expect(screen.getByRole('button', { name: 'Move step 1 up' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Move step 3 down' })).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Add a property filter to step 3' }));
    await user.type(screen.getByRole('textbox', { name: 'Step 3 filter 1: property' }), 'seats');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Step 3 filter 1: comparison' }), 'gte');
    await user.type(screen.getByRole('textbox', { name: 'Step 3 filter 1: value' }), '2');

    await user.selectOptions(screen.getByRole('combobox', { name: /Order/ }), 'strict');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Converts within' }), '86400');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Count' }), 'account');
    await user.type(screen.getByRole('textbox', { name: 'Breakdown by' }), 'plan');
    await user.click(screen.getByRole('button', { name: 'Run funnel' }));

    expect(queries).toEqual([
      {
        steps: [
          { event: 'Signed Up' },
          { event: 'Project Created' },
          { event: 'Invite Sent', where: { seats: { op: 'gte', value: 2 } } },
        ],
        windowSeconds: 86_400,
        order: 'strict',
        aggregateBy: 'account',
        ...range,
        breakdown: { property: 'plan', limit: 25 },
      },
    ]);

    await user.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(stepInputs().map((i) => i.value)).toEqual(['Project Created', 'Invite Sent']);
  });

  it('shows what to fix next to the form and marks the fields, and does not run', async () => {
    const user = userEvent.setup();
    const queries: FunnelQuery[] = [];
    render(<Harness onQuery={(q) => queries.push(q)} />);
    await user.type(screen.getByRole('combobox', { name: 'Step 1' }), 'Signed Up');
    await user.click(screen.getByRole('button', { name: 'Run funnel' }));

    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Step 2 needs an event.')).toBeTruthy();
    const step2 = screen.getByRole('combobox', { name: 'Step 2' });
    expect(step2.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(step2.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Step 2 needs an event.',
    );
    expect(queries).toEqual([]);
  });

  it('shows the API’s validation message beside the form', () => {
    render(
      <Harness onQuery={() => {}} apiError="body.steps/0/where must NOT have more than 20 properties" />,
    );
    expect(screen.getByRole('alert').textContent).toContain('must NOT have more than 20 properties');
  });
});
