/** @jest-environment jsdom */
import type { EmailTemplate, Rule, TemplatePreviewBody } from '@bindery/contracts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ApiCall, apiError, type Reply, renderSignedIn } from '../../testing/render';
import { TemplateEditor } from './TemplateEditor';

const template: EmailTemplate = {
  id: 't1',
  name: 'next-step',
  subject: 'Hi {{user.first_name}}',
  html: '<p>Hello {{user.name}}</p>',
  text: 'Hello {{user.name}}',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const rules = [{ name: 'Stalled', actions: [{ kind: 'email', template: 'next-step' }] }] as Rule[];

/** Renders like the API for the variables the tests use; refuses any other, as the API does. */
function preview(body: TemplatePreviewBody): Reply {
  const user = { first_name: 'Ann', name: 'Ann Lee', ...body.user };
  const fill = (s: string) =>
    s.replace(/\{\{([\w.]+)\}\}/g, (_, v: string) => user[v.slice(5) as 'name'] ?? `?${v}`);
  const unknown = /\{\{(?!user\.(?:first_name|name)\}\})([\w.]+)\}\}/.exec(
    body.subject + body.html + body.text,
  );
  return unknown
    ? apiError(
        400,
        'invalid_input',
        `template does not render: {{${unknown[1]}}} in the html (line 1, column 1) is not a variable`,
      )
    : { body: { subject: fill(body.subject), html: fill(body.html), text: fill(body.text) } };
}

/** The editor of `template` (a new one without), against the preview and `save` for its PUT. */
function renderEditor({
  template,
  rules = [],
  onSaved = () => {},
  save,
}: {
  template?: EmailTemplate;
  rules?: Rule[];
  onSaved?: (t: EmailTemplate) => void;
  save?: (call: ApiCall) => Reply;
}) {
  return renderSignedIn(
    <TemplateEditor template={template} rules={rules} onSaved={onSaved} onCancel={() => {}} />,
    {
      path: '/templates',
      api: {
        'POST email-templates/preview': (call) => preview(call.body as TemplatePreviewBody),
        ...(save && { [`PUT email-templates/${template?.id}`]: save }),
      },
    },
  );
}

const frame = () => screen.getByTitle('HTML preview') as HTMLIFrameElement;

describe('TemplateEditor', () => {
  it('previews the draft for the sample user, after typing pauses, in a sandboxed frame', async () => {
    const { calls } = renderEditor({ template, rules });

    await waitFor(() => expect(frame().getAttribute('srcdoc')).toBe('<p>Hello Ann Lee</p>'));
    expect(frame().getAttribute('sandbox')).toBe('');
    expect(screen.getByText('Hi Ann')).toBeTruthy();
    expect(screen.getByLabelText('Text preview').textContent).toBe('Hello Ann Lee');

    const user = userEvent.setup();
    const name = screen.getByLabelText('Name of the sample user') as HTMLInputElement;
    await user.type(name, 'Grace Hopper', {
      initialSelectionStart: 0,
      initialSelectionEnd: name.value.length,
    });
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toBe('<p>Hello Grace Hopper</p>'));
    const previews = calls.filter((c) => c.path === 'email-templates/preview');
    // One request for the first render and one once typing paused, not one per key.
    expect(previews).toHaveLength(2);
    expect(previews[1]!.body).toEqual({
      subject: template.subject,
      html: template.html,
      text: template.text,
      user: { first_name: 'Ann', name: 'Grace Hopper', email: 'ann@example.com' },
    });
  });

  it('says which variable does not render, and previews again once it is fixed', async () => {
    renderEditor({ template, rules });
    await waitFor(() => expect(frame()).toBeTruthy());

    fireEvent.change(screen.getByLabelText('HTML'), { target: { value: '<p>{{user.nickname}}</p>' } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      '{{user.nickname}} in the html (line 1, column 1) is not a variable',
    );
    fireEvent.change(screen.getByLabelText('HTML'), { target: { value: '<p>{{user.first_name}}</p>' } });
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toBe('<p>Ann</p>'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('saves with a PUT, shows the API’s refusal, and warns that a rename loses the rules that send it', async () => {
    const saved = jest.fn();
    let refuse = true;
    const { calls } = renderEditor({
      template,
      rules,
      onSaved: saved,
      save: (call) =>
        refuse
          ? apiError(
              400,
              'invalid_input',
              'template does not render: {{oops}} in the text (line 1, column 1) is not a variable',
            )
          : { body: { ...template, ...(call.body as object) } },
    });
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Name'), '-v2');
    expect(screen.getByText(/“Stalled” sends “next-step” by name/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect((await screen.findByText(/\{\{oops\}\} in the text/)).getAttribute('role')).toBe('alert');
    expect(saved).not.toHaveBeenCalled();

    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(calls.filter((c) => c.method === 'PUT').at(-1)).toEqual({
      method: 'PUT',
      path: 'email-templates/t1',
      query: {},
      body: { name: 'next-step-v2', subject: template.subject, html: template.html, text: template.text },
    });
  });

  it('previews the draft as a chosen person with chosen content, and sends a test to the signed-in person', async () => {
    const { calls } = renderSignedIn(
      <TemplateEditor template={template} rules={rules} onSaved={() => {}} onCancel={() => {}} />,
      {
        path: '/templates',
        api: {
          'POST email-templates/preview': (call) => preview(call.body as TemplatePreviewBody),
          'GET people': (call) => ({
            body: {
              people: [
                {
                  id: 'jun',
                  traits: { name: 'Jun Li', email: 'jun@acme.example' },
                  accounts: [],
                  eventCount: 3,
                },
                { id: 'u-2', traits: {}, accounts: [], eventCount: 1 },
              ].filter((p) => !call.query.search || p.id.includes(call.query.search)),
              nextCursor: null,
            },
          }),
          'GET training-content': {
            body: {
              content: [
                {
                  id: 'c1',
                  key: 'export',
                  title: 'Export in one click',
                  url: 'https://x.example',
                  summary: '',
                },
              ],
            },
          },
          'POST email-templates/preview-as': {
            body: {
              subject: 'Hi Jun',
              html: '<p>Hello Jun Li</p>',
              text: 'Hello Jun Li',
              from: 'Acme <hi@acme.example>',
              to: 'jun@acme.example',
              feature: 'export',
              featureName: 'Export',
            },
          },
          'POST email-templates/test-send': {
            body: { to: 'me@vendor.example', subject: '[Test] Hi Jun', messageId: '<m@bindery>' },
          },
        },
      },
    );
    const user = userEvent.setup();
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toBe('<p>Hello Ann Lee</p>'));

    await user.click(screen.getByRole('radio', { name: 'A real person, with real content' }));
    await screen.findByText('Fill in the subject, the HTML and the text, and choose a person and content.');
    expect((screen.getByRole('button', { name: 'Send test to me' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await user.type(screen.getByLabelText('Find a person'), 'ju');
    await screen.findByRole('option', { name: 'Jun Li (jun)' });
    await waitFor(() => expect(screen.queryByRole('option', { name: 'u-2' })).toBeNull());
    await user.selectOptions(screen.getByLabelText('Person'), 'jun');
    await user.selectOptions(screen.getByLabelText('Training content'), 'export');

    await waitFor(() => expect(frame().getAttribute('srcdoc')).toBe('<p>Hello Jun Li</p>'));
    expect(screen.getByText('Acme <hi@acme.example>')).toBeTruthy();
    expect(screen.getByText('jun@acme.example')).toBeTruthy();
    expect(calls.filter((c) => c.path === 'email-templates/preview-as').at(-1)?.body).toEqual({
      subject: template.subject,
      html: template.html,
      text: template.text,
      personId: 'jun',
      contentKey: 'export',
    });

    await user.click(screen.getByRole('button', { name: 'Send test to me' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Sent “[Test] Hi Jun” to me@vendor.example.',
    );
    expect(calls.filter((c) => c.path === 'email-templates/test-send')).toHaveLength(1);
  });

  it('asks for no preview until the subject, HTML and text are filled in', () => {
    const { calls } = renderEditor({});
    expect(screen.getByText('Fill in the subject, the HTML and the text to see the preview.')).toBeTruthy();
    expect(calls).toEqual([]);
  });
});
