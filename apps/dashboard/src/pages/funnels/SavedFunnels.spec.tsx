/** @jest-environment jsdom */
import type { SavedFunnel, SavedFunnelBody } from '@bindery/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, renderSignedIn, type Routes } from '../../testing/render';
import { addStep, emptyFunnelForm, type FunnelForm, updateStep } from './funnel-form';
import { SavedFunnels } from './SavedFunnels';
import { SaveFunnelForm } from './SaveFunnelForm';

const saved = (id: string, name: string): SavedFunnel => ({
  id,
  name,
  description: '',
  steps: [{ event: 'Signed Up' }, { event: 'Project Created' }],
  windowSeconds: 604_800,
  order: 'ordered',
  aggregateBy: 'user',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
});

/** Bindery's saved funnels, in memory: list, create (409 on a taken name), delete. */
function funnelsApi(initial: SavedFunnel[]): Routes {
  let funnels = [...initial];
  return {
    'GET funnels': () => ({ body: { funnels } }),
    'POST funnels': (call) => {
      const body = call.body as SavedFunnelBody;
      if (funnels.some((f) => f.name === body.name)) {
        return apiError(409, 'conflict', `A funnel named “${body.name}” exists`);
      }
      const funnel = { ...saved(`id-${funnels.length + 1}`, body.name), ...body, description: '' };
      funnels = [...funnels, funnel].sort((a, b) => a.name.localeCompare(b.name));
      return { status: 201, body: funnel };
    },
    'DELETE funnels/:id': (_call, { id }) => {
      funnels = funnels.filter((f) => f.id !== id);
      return { status: 204 };
    },
  };
}

function builtForm(): FunnelForm {
  let form = addStep(emptyFunnelForm());
  ['Signed Up', 'Project Created', 'Invite Sent'].forEach(
    (event, i) => (form = updateStep(form, i, { event })),
  );
  return form;
}

function Aside({ form, onOpen = () => {} }: { form: FunnelForm; onOpen?: (f: SavedFunnel) => void }) {
  return (
    <>
      <SaveFunnelForm form={form} onSaved={() => {}} />
      <SavedFunnels openedId={null} onOpen={onOpen} />
    </>
  );
}

const savedNames = () =>
  within(screen.getByRole('region', { name: 'Saved funnels' }))
    .queryAllByRole('button', { name: /^Open / })
    .map((b) => b.textContent);

describe('saved funnels', () => {
  it('saves the funnel under a name, lists it, and refuses a name that is taken', async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<Aside form={builtForm()} />, {
      api: funnelsApi([saved('id-0', 'Onboarding')]),
    });
    await screen.findByRole('button', { name: 'Open Onboarding' });

    await user.type(screen.getByRole('textbox', { name: 'Funnel name' }), 'Activation');
    await user.click(screen.getByRole('button', { name: 'Save funnel' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved “Activation”.');
    await screen.findByRole('button', { name: 'Open Activation' });
    expect(savedNames()).toEqual(['Activation', 'Onboarding']);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Activation',
      steps: [{ event: 'Signed Up' }, { event: 'Project Created' }, { event: 'Invite Sent' }],
      windowSeconds: 604_800,
      order: 'ordered',
      aggregateBy: 'user',
    });

    await user.type(screen.getByRole('textbox', { name: 'Funnel name' }), 'Onboarding');
    await user.click(screen.getByRole('button', { name: 'Save funnel' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A funnel named “Onboarding” exists');
  });

  it('does not save a funnel without a name or with an empty step', async () => {
    const user = userEvent.setup();
    const { calls } = renderSignedIn(<Aside form={emptyFunnelForm()} />, { api: funnelsApi([]) });
    await screen.findByText('No saved funnels yet. Build one and save it.');
    await user.click(screen.getByRole('button', { name: 'Save funnel' }));
    const alert = screen.getByRole('alert');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Step 1 needs an event.',
      'Step 2 needs an event.',
      'Give the funnel a name.',
    ]);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('opens a saved funnel, and deletes one after a confirmation', async () => {
    const user = userEvent.setup();
    const opened: string[] = [];
    const { calls } = renderSignedIn(<Aside form={builtForm()} onOpen={(f) => opened.push(f.name)} />, {
      api: funnelsApi([saved('id-0', 'Onboarding'), saved('id-1', 'Sharing')]),
    });

    await user.click(await screen.findByRole('button', { name: 'Open Sharing' }));
    expect(opened).toEqual(['Sharing']);

    await user.click(screen.getByRole('button', { name: 'Delete Onboarding' }));
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    expect(calls.filter((c) => c.method === 'DELETE')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete Onboarding' }));
    await user.click(screen.getByRole('button', { name: 'Confirm: delete Onboarding' }));
    await waitFor(() => expect(savedNames()).toEqual(['Sharing']));
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['funnels/id-0']);
  });
});
