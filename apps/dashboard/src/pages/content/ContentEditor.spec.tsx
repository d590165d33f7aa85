/** @jest-environment jsdom */
import type { SavedFunnel, TrainingContent } from '@bindery/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiError, renderSignedIn, type Routes } from '../../testing/render';
import { ContentEditor } from './ContentEditor';

const funnels = [
  {
    id: 'f1',
    name: 'Onboarding',
    steps: [{ event: 'Signed Up' }, { event: 'Project Created' }, { event: 'Invite Sent' }],
  },
] as SavedFunnel[];
/** The feature names the editor suggests. */
const SUGGESTIONS: Routes = {
  'POST features/query': { body: { activeSubjects: 0, features: [{ feature: 'alerts' }] } },
};

describe('ContentEditor', () => {
  it('creates content for the funnel step a stalled user has not reached', async () => {
    const saved = jest.fn();
    const { calls } = renderSignedIn(
      <ContentEditor funnels={funnels} onSaved={saved} onCancel={() => {}} />,
      {
        path: '/content',
        api: {
          ...SUGGESTIONS,
          'POST training-content': (call) => ({ status: 201, body: { id: 'c1', ...(call.body as object) } }),
        },
      },
    );
    const user = userEvent.setup();

    await user.click(screen.getByLabelText('A funnel step'));
    await user.selectOptions(screen.getByLabelText('Step not reached'), '3');
    expect(screen.getByText('funnel:f1:step:3')).toBeTruthy();
    await user.type(screen.getByLabelText('Title'), 'Invite your team');
    await user.type(screen.getByLabelText('URL'), 'https://help.example.com/invite');
    await user.type(screen.getByLabelText('Summary'), 'It takes a minute.');
    await user.click(screen.getByRole('button', { name: 'Create content' }));

    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST' && c.path === 'training-content')?.body).toEqual({
      key: 'funnel:f1:step:3',
      title: 'Invite your team',
      url: 'https://help.example.com/invite',
      summary: 'It takes a minute.',
    });
  });

  it('edits content with a PUT and shows the API’s refusal', async () => {
    const content: TrainingContent = {
      id: 'c1',
      key: 'alerts',
      title: 'Alerts that matter',
      url: 'https://help.example.com/alerts',
      summary: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const { calls } = renderSignedIn(
      <ContentEditor content={content} funnels={funnels} onSaved={() => {}} onCancel={() => {}} />,
      {
        path: '/content',
        api: { ...SUGGESTIONS, 'PUT training-content/c1': apiError(409, 'conflict', 'key reports is taken') },
      },
    );
    const user = userEvent.setup();

    expect(screen.getByLabelText('Feature')).toHaveProperty('value', 'alerts');
    await user.clear(screen.getByLabelText('Feature'));
    await user.type(screen.getByLabelText('Feature'), 'reports');
    await user.click(screen.getByRole('button', { name: 'Save content' }));

    expect((await screen.findByRole('alert')).textContent).toBe('key reports is taken');
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({
      path: 'training-content/c1',
      body: { key: 'reports' },
    });
  });
});
