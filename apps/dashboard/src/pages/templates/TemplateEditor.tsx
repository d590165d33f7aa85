import type { EmailTemplate, EmailTemplateBody, Rule, TemplateTrialBody, TestSend } from '@bindery/contracts';
import { type FormEvent, useMemo, useState } from 'react';
import { useProjectMutation } from '../../api/hooks';
import { Field } from '../../components/Field';
import { EditorFooter } from '../../components/EditorFooter';
import { Notice } from '../../components/Notice';
import { RealPersonFields, type RealPersonChoice } from './RealPersonFields';
import {
  DEFAULT_SAMPLE_USER,
  previewBody,
  rulesSending,
  type SampleUser,
  TEMPLATE_VARIABLES,
  trialBody,
} from './template-preview';
import { type PreviewRequest, TemplatePreview } from './TemplatePreview';
import { useDebounced } from './use-debounced';

const PREVIEW_DELAY_MS = 400;

interface Props {
  /** The template to change; none: a new one. */
  template?: EmailTemplate;
  /** The project's rules, to warn before a rename leaves some without their template. */
  rules: Rule[];
  onSaved: (template: EmailTemplate) => void;
  onCancel: () => void;
}

/** Edits a template beside its live preview for a sample user; the API's refusal is shown by the buttons. */
export function TemplateEditor({ template, rules, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState<EmailTemplateBody>(() => ({
    name: template?.name ?? '',
    subject: template?.subject ?? '',
    html: template?.html ?? '',
    text: template?.text ?? '',
  }));
  const [sample, setSample] = useState<SampleUser>(DEFAULT_SAMPLE_USER);
  const [target, setTarget] = useState<'sample' | 'person'>('sample');
  const [person, setPerson] = useState<RealPersonChoice>({ personId: '', contentKey: '' });
  const create = useProjectMutation<EmailTemplateBody, EmailTemplate>('POST', () => 'email-templates', [
    'email-templates',
  ]);
  const update = useProjectMutation<EmailTemplateBody, EmailTemplate>(
    'PUT',
    () => `email-templates/${template?.id}`,
    ['email-templates'],
  );
  const save = template ? update : create;
  const trial = useMemo(
    () =>
      trialBody(
        { subject: draft.subject, html: draft.html, text: draft.text },
        person.personId,
        person.contentKey,
      ),
    [draft.subject, draft.html, draft.text, person],
  );
  const request = useMemo(
    (): PreviewRequest =>
      target === 'sample'
        ? {
            path: 'email-templates/preview',
            body: previewBody({ subject: draft.subject, html: draft.html, text: draft.text }, sample),
            incomplete: 'Fill in the subject, the HTML and the text to see the preview.',
          }
        : {
            path: 'email-templates/preview-as',
            body: trial,
            incomplete: 'Fill in the subject, the HTML and the text, and choose a person and content.',
          },
    [draft.subject, draft.html, draft.text, sample, target, trial],
  );
  const settled = useDebounced(request, PREVIEW_DELAY_MS);
  const orphaned = template && draft.name.trim() !== template.name ? rulesSending(template.name, rules) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ ...draft, name: draft.name.trim() }, { onSuccess: onSaved });
  }
  const edit = (part: keyof EmailTemplateBody) => (value: string) => setDraft({ ...draft, [part]: value });

  return (
    <div className="template-editor">
      <form className="card stack editor" onSubmit={submit} aria-labelledby="template-editor-title">
        <h2 id="template-editor-title">
          {template ? `Edit template “${template.name}”` : 'New email template'}
        </h2>
        <Field
          label="Name"
          help={
            orphaned.length > 0
              ? `${orphaned.map((r) => `“${r.name}”`).join(', ')} send${orphaned.length === 1 ? 's' : ''} “${template?.name}” by name: renamed, ${orphaned.length === 1 ? 'it' : 'they'} will not find it.`
              : 'Rules send a template by its name'
          }
        >
          {(control) => (
            <input
              required
              maxLength={200}
              {...control}
              value={draft.name}
              onChange={(e) => edit('name')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Subject">
          {(control) => (
            <input
              {...control}
              required
              maxLength={500}
              value={draft.subject}
              onChange={(e) => edit('subject')(e.target.value)}
            />
          )}
        </Field>
        <Field label="HTML" help="{{user.first_name}} becomes the recipient’s first name, HTML-escaped">
          {(control) => (
            <textarea
              required
              rows={10}
              spellCheck={false}
              {...control}
              value={draft.html}
              onChange={(e) => edit('html')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Text" help="The plain-text part, for mail clients that do not show HTML">
          {(control) => (
            <textarea
              required
              rows={6}
              {...control}
              value={draft.text}
              onChange={(e) => edit('text')(e.target.value)}
            />
          )}
        </Field>
        <Variables />
        <EditorFooter what="template" creating={!template} save={save} onCancel={onCancel} />
      </form>
      <section className="card stack preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Preview</h2>
        <fieldset>
          <legend>Preview for</legend>
          <div className="form-row">
            <label className="inline">
              <input
                type="radio"
                name="preview-target"
                checked={target === 'sample'}
                onChange={() => setTarget('sample')}
              />
              A sample user
            </label>
            <label className="inline">
              <input
                type="radio"
                name="preview-target"
                checked={target === 'person'}
                onChange={() => setTarget('person')}
              />
              A real person, with real content
            </label>
          </div>
        </fieldset>
        {target === 'sample' ? (
          <SampleUserFields value={sample} onChange={setSample} />
        ) : (
          <>
            <RealPersonFields value={person} onChange={setPerson} />
            <TestSendButton body={trial} />
          </>
        )}
        <div className="preview-area">
          <TemplatePreview request={settled} />
        </div>
      </section>
    </div>
  );
}

/** Sends the draft, as the chosen person gets it, to the signed-in person's own address. */
function TestSendButton({ body }: { body: TemplateTrialBody | null }) {
  const send = useProjectMutation<TemplateTrialBody, TestSend>('POST', () => 'email-templates/test-send');
  return (
    <div className="stack">
      <div>
        <button
          type="button"
          disabled={body === null || send.isPending}
          onClick={() => body !== null && send.mutate(body)}
        >
          {send.isPending ? 'Sending…' : 'Send test to me'}
        </button>
      </div>
      {send.isError && (
        <p className="error" role="alert">
          {send.error.message}
        </p>
      )}
      <Notice text={send.data ? `Sent “${send.data.subject}” to ${send.data.to}.` : null} />
    </div>
  );
}

function SampleUserFields({ value, onChange }: { value: SampleUser; onChange: (user: SampleUser) => void }) {
  const fields: { key: keyof SampleUser; label: string; type: string }[] = [
    { key: 'first_name', label: 'First name', type: 'text' },
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'email', label: 'Email', type: 'email' },
  ];
  return (
    <fieldset>
      <legend>Sample user</legend>
      <div className="sample-user">
        {fields.map((f) => (
          <Field
            key={f.key}
            label={
              <>
                {f.label}
                <span className="visually-hidden"> of the sample user</span>
              </>
            }
          >
            {(control) => (
              <input
                {...control}
                type={f.type}
                maxLength={320}
                value={value[f.key]}
                onChange={(e) => onChange({ ...value, [f.key]: e.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
    </fieldset>
  );
}

/** The variables a template may use; anything else is refused when saved (and shown in the preview). */
function Variables() {
  return (
    <details className="variables" open>
      <summary>Variables</summary>
      <dl>
        {TEMPLATE_VARIABLES.map((v) => (
          <div key={v.name}>
            <dt>
              <code>{`{{${v.name}}}`}</code>
            </dt>
            <dd>{v.holds}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
